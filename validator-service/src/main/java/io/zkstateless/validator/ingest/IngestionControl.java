package io.zkstateless.validator.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses and resumes every ingestion path at once (admin API): the Kafka listener container stops
 * fetching after its current poll (offsets stay uncommitted, so nothing is lost), and gossip and
 * admin proofs answer IGNORE "paused" (gossip peers are not penalised for an IGNORE).
 */
public class IngestionControl {

  private static final Logger LOG = LoggerFactory.getLogger(IngestionControl.class);
  /** The id of {@link ProofKafkaListener}'s container. */
  public static final String KAFKA_LISTENER_ID = "validator-proofs";

  private final ProofIngestionPipeline pipeline;
  private final KafkaListenerEndpointRegistry registry;
  private final Clock clock;
  private volatile Instant since;

  public IngestionControl(
      final ProofIngestionPipeline pipeline, final KafkaListenerEndpointRegistry registry, final Clock clock) {
    this.pipeline = pipeline;
    this.registry = registry;
    this.clock = clock;
    this.since = clock.instant();
  }

  public synchronized IngestionState pause() {
    if (!pipeline.isPaused()) {
      pipeline.setPaused(true);
      kafkaContainer().ifPresent(MessageListenerContainer::pause);
      since = clock.instant();
      LOG.warn("Proof ingestion paused by an operator");
    }
    return state();
  }

  public synchronized IngestionState resume() {
    if (pipeline.isPaused()) {
      pipeline.setPaused(false);
      kafkaContainer().ifPresent(MessageListenerContainer::resume);
      since = clock.instant();
      LOG.info("Proof ingestion resumed by an operator");
    }
    return state();
  }

  public IngestionState state() {
    final Optional<MessageListenerContainer> kafka = kafkaContainer();
    final String kafkaState = kafka.map(IngestionControl::describe).orElse("absent");
    return new IngestionState(pipeline.isPaused(), since, kafkaState, pipeline.pendingProofs());
  }

  private static String describe(final MessageListenerContainer container) {
    if (!container.isRunning()) {
      return "stopped";
    }
    if (container.isContainerPaused()) {
      return "paused";
    }
    return container.isPauseRequested() ? "pausing" : "running";
  }

  private Optional<MessageListenerContainer> kafkaContainer() {
    return Optional.ofNullable(registry.getListenerContainer(KAFKA_LISTENER_ID));
  }

  /**
   * What {@code GET /api/v1/admin/ingestion} answers.
   *
   * @param paused whether gossip and admin proofs are refused
   * @param since when the state last changed (or startup)
   * @param kafkaListener the Kafka container: running, pausing (poll in flight), paused, stopped
   * @param pendingProofs proofs waiting for their block
   */
  public record IngestionState(boolean paused, Instant since, String kafkaListener, int pendingProofs) {}
}

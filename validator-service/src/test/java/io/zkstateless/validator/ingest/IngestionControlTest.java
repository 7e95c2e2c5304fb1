package io.zkstateless.validator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Pause and resume reach both the pipeline and the Kafka container, once each. */
class IngestionControlTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final ExecutorService replays = Executors.newSingleThreadExecutor();
  private final MessageListenerContainer container = mock(MessageListenerContainer.class);
  private final KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
  private ProofIngestionPipeline pipeline;
  private IngestionControl control;

  @BeforeEach
  void setUp() throws Exception {
    final IngestProperties config = new IngestProperties(
        Map.of("mock", "mock"), 16, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofDays(7), 1, 3, 100);
    final ProofTypeRegistry types = ProofTypeRegistry.defaults();
    pipeline = new ProofIngestionPipeline(new ProvenViewFixture().service(ProvenChainListener.NOOP, clock), types,
        IngestConfiguration.verifiers(types, config), config, new IngestMetrics(new SimpleMeterRegistry()), clock, replays);
    when(registry.getListenerContainer(IngestionControl.KAFKA_LISTENER_ID)).thenReturn(container);
    when(container.isRunning()).thenReturn(true);
    control = new IngestionControl(pipeline, registry, clock);
  }

  @AfterEach
  void tearDown() {
    replays.shutdownNow();
  }

  @Test
  void pauseStopsTheKafkaContainerAndThePipelineAndResumeRestartsBoth() {
    assertThat(control.state().paused()).isFalse();
    assertThat(control.state().kafkaListener()).isEqualTo("running");

    when(container.isPauseRequested()).thenReturn(true);
    assertThat(control.pause().paused()).isTrue();
    assertThat(control.pause().kafkaListener()).as("poll in flight").isEqualTo("pausing");
    verify(container, times(1)).pause();
    assertThat(pipeline.isPaused()).isTrue();
    when(container.isContainerPaused()).thenReturn(true);
    assertThat(control.state().kafkaListener()).isEqualTo("paused");

    when(container.isPauseRequested()).thenReturn(false);
    when(container.isContainerPaused()).thenReturn(false);
    final IngestionControl.IngestionState resumed = control.resume();
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.kafkaListener()).isEqualTo("running");
    assertThat(control.resume().paused()).isFalse();
    verify(container, times(1)).resume();
    assertThat(pipeline.isPaused()).isFalse();
  }

  @Test
  void withoutAKafkaContainerOnlyThePipelineIsPaused() {
    when(registry.getListenerContainer(IngestionControl.KAFKA_LISTENER_ID)).thenReturn(null);
    assertThat(control.pause()).extracting(IngestionControl.IngestionState::paused,
        IngestionControl.IngestionState::kafkaListener).containsExactly(true, "absent");
    verify(container, never()).pause();
  }
}

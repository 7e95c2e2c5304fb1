package io.zkstateless.validator.publish;

import io.zkstateless.validator.chain.ProvenChainEvent;
import io.zkstateless.validator.tracking.ProvenChainListener;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes proven-view changes to {@code proven-blocks} as JSON, keyed by beacon block root, after
 * they are durable in PostgreSQL. Sends are asynchronous so the view never waits on Kafka; a failed
 * send is logged and counted, and consumers converge because every head move carries the full
 * new head (the next event supersedes a lost one).
 */
public class ProvenBlocksPublisher implements ProvenChainListener {

  private static final Logger LOG = LoggerFactory.getLogger(ProvenBlocksPublisher.class);

  private final KafkaTemplate<String, String> kafka;
  private final JsonMapper json;
  private final String topic;
  private final PublishMetrics metrics;

  public ProvenBlocksPublisher(
      final KafkaTemplate<String, String> kafka, final JsonMapper json, final String topic, final PublishMetrics metrics) {
    this.kafka = kafka;
    this.json = json;
    this.topic = topic;
    this.metrics = metrics;
  }

  @Override
  public void onEvents(final List<ProvenChainEvent> events) {
    for (final ProvenChainEvent event : events) {
      final ProvenBlocksRecord record = ProvenBlocksRecord.of(event);
      try {
        kafka
            .send(new ProducerRecord<>(topic, record.blockRoot(), json.writeValueAsString(record)))
            .whenComplete((result, error) -> completed(record, error));
      } catch (final RuntimeException e) {
        // The view is already durable; a broken producer must not fail the caller.
        completed(record, e);
      }
    }
  }

  private void completed(final ProvenBlocksRecord record, final Throwable error) {
    if (error == null) {
      metrics.published(record.type());
    } else {
      metrics.failed(record.type());
      LOG.warn("Could not publish {} for {} to {}: {}", record.type(), record.blockRoot(), topic, error.getMessage());
    }
  }
}

package io.zkstateless.broadcaster.publish;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes outcomes to {@code broadcast-results} and waits for Kafka's acknowledgement, so a listener
 * that returns after {@link #record} has made the outcome durable before its offset is committed.
 */
public final class ResultPublisher {

  private final KafkaTemplate<String, Object> template;
  private final String topic;
  private final Duration timeout;
  private final BroadcastStatusBook statuses;
  private final PublishMetrics metrics;

  public ResultPublisher(
      final KafkaTemplate<String, Object> template,
      final String topic,
      final Duration timeout,
      final BroadcastStatusBook statuses,
      final PublishMetrics metrics) {
    this.template = template;
    this.topic = topic;
    this.timeout = timeout;
    this.statuses = statuses;
    this.metrics = metrics;
  }

  /**
   * @throws KafkaException if Kafka did not acknowledge the result in time
   */
  public void record(final BroadcastResult result) {
    final long started = System.nanoTime();
    try {
      template
          .send(topic, result.blockHash(), result.toJson())
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final ExecutionException | TimeoutException e) {
      throw new KafkaException("result for " + result.blockHash() + " not acknowledged", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException(
          "interrupted while recording the result of " + result.blockHash(), e);
    }
    metrics.resultAckTook(Duration.ofNanos(System.nanoTime() - started));
    statuses.finished(result);
    metrics.outcome(result.result());
  }
}

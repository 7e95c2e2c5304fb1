package io.zkstateless.broadcaster.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes outcomes to {@code broadcast-results}. {@link #record} waits for Kafka's acknowledgement;
 * {@link #recordAsync} does not: its future completes once Kafka acknowledged the result, and a
 * send Kafka refused is sent again with backoff until it is acknowledged or nobody wants it any
 * more. Either way the caller commits the proof's offset only after the acknowledgement.
 */
public final class ResultPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResultPublisher.class);
  private static final Duration FIRST_RESEND = Duration.ofMillis(500);
  private static final Duration MAX_RESEND = Duration.ofSeconds(30);

  private final KafkaTemplate<String, Object> template;
  private final String topic;
  private final Duration timeout;
  private final BroadcastStatusBook statuses;
  private final PublishMetrics metrics;
  private final ScheduledExecutorService resends =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("broadcast-result-resend").daemon().factory());

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
   * Sends the result and waits for the acknowledgement.
   *
   * @throws KafkaException if Kafka did not acknowledge the result in time
   */
  public void record(final BroadcastResult result) {
    try {
      send(result).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final ExecutionException | TimeoutException e) {
      throw new KafkaException("result for " + result.blockHash() + " not acknowledged", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException(
          "interrupted while recording the result of " + result.blockHash(), e);
    }
  }

  /**
   * Sends the result without waiting. The future completes when Kafka acknowledged it; a refused
   * send is repeated (backoff 0.5 s doubling to 30 s) while {@code abandoned} is false, and the
   * future fails only once it is abandoned (or this publisher is closed).
   */
  public CompletableFuture<Void> recordAsync(
      final BroadcastResult result, final BooleanSupplier abandoned) {
    final CompletableFuture<Void> durable = new CompletableFuture<>();
    sendUntilAcknowledged(result, abandoned, durable, FIRST_RESEND);
    return durable;
  }

  private void sendUntilAcknowledged(
      final BroadcastResult result,
      final BooleanSupplier abandoned,
      final CompletableFuture<Void> durable,
      final Duration nextBackoff) {
    send(result)
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                durable.complete(null);
              } else if (abandoned.getAsBoolean() || resends.isShutdown()) {
                durable.completeExceptionally(error);
              } else {
                LOG.warn(
                    "Result for {} not acknowledged ({}); sending it again in {}",
                    result.blockHash(),
                    error.getMessage(),
                    nextBackoff);
                scheduleResend(result, abandoned, durable, nextBackoff);
              }
            });
  }

  private void scheduleResend(
      final BroadcastResult result,
      final BooleanSupplier abandoned,
      final CompletableFuture<Void> durable,
      final Duration backoff) {
    final Duration after = backoff.multipliedBy(2);
    try {
      resends.schedule(
          () ->
              sendUntilAcknowledged(
                  result, abandoned, durable, after.compareTo(MAX_RESEND) > 0 ? MAX_RESEND : after),
          backoff.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (final RejectedExecutionException closed) {
      durable.completeExceptionally(closed);
    }
  }

  /** One send; counts the outcome once Kafka acknowledged it. Never throws. */
  private CompletableFuture<Void> send(final BroadcastResult result) {
    final long started = System.nanoTime();
    final CompletableFuture<?> sent;
    try {
      sent = template.send(topic, result.blockHash(), result.toJson());
    } catch (final RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return sent.thenRun(
        () -> {
          metrics.resultAckTook(Duration.ofNanos(System.nanoTime() - started));
          statuses.finished(result);
          metrics.outcome(result.result());
        });
  }

  /**
   * Stops resending; results not yet acknowledged stay uncommitted and are redone after restart.
   */
  @Override
  public void close() {
    resends.shutdownNow();
  }
}

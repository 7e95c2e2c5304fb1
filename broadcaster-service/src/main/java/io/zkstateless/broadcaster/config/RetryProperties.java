package io.zkstateless.broadcaster.config;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code broadcaster.retry.*}: how a publish that reached no peer, or failed, is retried through
 * the {@code -retry-N} topics before it lands in the dead-letter topic.
 *
 * @param attempts total attempts including the first (one retry topic per further attempt)
 * @param initialBackoff delay before the first retry
 * @param multiplier growth of the delay per retry
 * @param maxBackoff cap on the delay
 * @param timeout give up (dead-letter) once this much time has passed since the first attempt
 */
public record RetryProperties(
    @DefaultValue("6") @Min(2) @Max(20) int attempts,
    @DefaultValue("1s") @NotNull Duration initialBackoff,
    @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
    @DefaultValue("30s") @NotNull Duration maxBackoff,
    @DefaultValue("5m") @NotNull Duration timeout) {

  public RetryProperties {
    if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "broadcaster.retry.max-backoff must not be below initial-backoff");
    }
    if (initialBackoff != null && initialBackoff.toMillis() < 1) {
      throw new IllegalArgumentException("broadcaster.retry.initial-backoff must be at least 1ms");
    }
  }
}

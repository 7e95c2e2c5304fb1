package io.zkstateless.prover.witness;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the witness client needs, free of Spring so it can be built directly in tests; the
 * service binds it from {@code prover.execution-client.*}.
 *
 * @param url JSON-RPC HTTP endpoint of the execution client
 * @param blockTimeout per-call timeout of block, raw-block and chain-config calls
 * @param witnessTimeout per-call timeout of one witness call, body included
 * @param witnessReadyTimeout how long to keep retrying while the block or witness is not ready
 * @param retryInterval pause between not-ready retries
 * @param maxConcurrency calls in flight to the execution client at once
 * @param witnessMethod the RPC method used to fetch a witness by hash
 * @param limits bounds on the witness
 * @param breaker circuit-breaker settings
 * @param notReady which JSON-RPC errors mean "not ready yet"
 */
public record ExecutionClientSettings(
    String url,
    Duration blockTimeout,
    Duration witnessTimeout,
    Duration witnessReadyTimeout,
    Duration retryInterval,
    int maxConcurrency,
    WitnessMethod witnessMethod,
    WitnessLimits limits,
    Breaker breaker,
    NotReadyClassifier notReady) {

  public ExecutionClientSettings {
    Objects.requireNonNull(url, "url");
    requirePositive("blockTimeout", blockTimeout);
    requirePositive("witnessTimeout", witnessTimeout);
    requirePositive("witnessReadyTimeout", witnessReadyTimeout);
    requirePositive("retryInterval", retryInterval);
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1");
    }
    Objects.requireNonNull(witnessMethod, "witnessMethod");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(notReady, "notReady");
  }

  /** Defaults for everything but the URL (zkboost's 200 ms / 12 s retry loop). */
  public static ExecutionClientSettings defaults(final String url) {
    return new ExecutionClientSettings(
        url,
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        Duration.ofSeconds(12),
        Duration.ofMillis(200),
        4,
        WitnessMethod.EXECUTION_WITNESS,
        WitnessLimits.DEFAULT,
        Breaker.DEFAULT,
        NotReadyClassifier.defaults());
  }

  public ExecutionClientSettings withTimeouts(
      final Duration block, final Duration witness, final Duration ready, final Duration retry) {
    return new ExecutionClientSettings(
        url,
        block,
        witness,
        ready,
        retry,
        maxConcurrency,
        witnessMethod,
        limits,
        breaker,
        notReady);
  }

  public ExecutionClientSettings withLimits(final WitnessLimits newLimits) {
    return new ExecutionClientSettings(
        url,
        blockTimeout,
        witnessTimeout,
        witnessReadyTimeout,
        retryInterval,
        maxConcurrency,
        witnessMethod,
        newLimits,
        breaker,
        notReady);
  }

  public ExecutionClientSettings withBreaker(final Breaker newBreaker) {
    return new ExecutionClientSettings(
        url,
        blockTimeout,
        witnessTimeout,
        witnessReadyTimeout,
        retryInterval,
        maxConcurrency,
        witnessMethod,
        limits,
        newBreaker,
        notReady);
  }

  public ExecutionClientSettings withWitnessMethod(final WitnessMethod method) {
    return new ExecutionClientSettings(
        url,
        blockTimeout,
        witnessTimeout,
        witnessReadyTimeout,
        retryInterval,
        maxConcurrency,
        method,
        limits,
        breaker,
        notReady);
  }

  private static void requirePositive(final String name, final Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /**
   * @param failureRatePercent failed share of the window that opens the breaker
   * @param slidingWindowCalls calls in the count-based window
   * @param minimumCalls calls needed before the rate is judged
   * @param openDuration how long the breaker stays open before letting trial calls through
   * @param halfOpenCalls trial calls in the half-open state
   */
  public record Breaker(
      float failureRatePercent,
      int slidingWindowCalls,
      int minimumCalls,
      Duration openDuration,
      int halfOpenCalls) {

    public static final Breaker DEFAULT = new Breaker(50f, 20, 10, Duration.ofSeconds(30), 2);

    public Breaker {
      if (failureRatePercent <= 0 || failureRatePercent > 100) {
        throw new IllegalArgumentException("failureRatePercent must be in (0, 100]");
      }
      if (slidingWindowCalls < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
        throw new IllegalArgumentException("breaker call counts must be at least 1");
      }
      requirePositive("openDuration", openDuration);
    }
  }
}

package io.zkstateless.validator.verify.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Meters of one {@code http} verifier, tagged with our proof type name: {@code
 * validator_http_verifier_calls_total{proof_type,outcome}} (valid, invalid, timeout, io_error,
 * http_5xx, http_4xx, unknown_proof_type, malformed, breaker_open, busy, root_unavailable), {@code
 * validator_http_verifier_seconds{proof_type}} per call sent, {@code
 * validator_http_verifier_breaker_state{proof_type}} (0 closed, 1 half-open, 2 open) and {@code
 * validator_http_verifier_in_flight{proof_type}} and {@code
 * validator_http_verifier_admitted{proof_type}} (asynchronous verifications in flight or waiting).
 */
final class HttpVerifierMetrics {

  private final MeterRegistry registry;
  private final String proofType;
  private final Timer calls;

  HttpVerifierMetrics(
      final MeterRegistry registry,
      final String proofType,
      final CircuitBreaker breaker,
      final Semaphore slots,
      final int maxConcurrent,
      final Semaphore admitted,
      final int maxWaiting) {
    this.registry = registry;
    this.proofType = proofType;
    this.calls =
        Timer.builder("validator_http_verifier_seconds")
            .description("Duration of calls to the external proof verifier")
            .tag("proof_type", proofType)
            .register(registry);
    Gauge.builder("validator_http_verifier_breaker_state", breaker, HttpVerifierMetrics::state)
        .description("Circuit breaker of the external verifier: 0 closed, 1 half-open, 2 open")
        .tag("proof_type", proofType)
        .register(registry);
    Gauge.builder(
            "validator_http_verifier_in_flight",
            slots,
            s -> maxConcurrent - s.availablePermits())
        .description("Verification calls in flight")
        .tag("proof_type", proofType)
        .register(registry);
    Gauge.builder(
            "validator_http_verifier_admitted",
            admitted,
            s -> maxWaiting - s.availablePermits())
        .description("Asynchronous verifications admitted: in flight or waiting for a slot")
        .tag("proof_type", proofType)
        .register(registry);
  }

  void outcome(final String outcome) {
    Counter.builder("validator_http_verifier_calls_total")
        .description("Proofs handed to the external verifier, by outcome")
        .tag("proof_type", proofType)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void took(final Duration duration) {
    calls.record(duration);
  }

  private static double state(final CircuitBreaker breaker) {
    return switch (breaker.getState()) {
      case CLOSED, DISABLED, METRICS_ONLY -> 0;
      case HALF_OPEN -> 1;
      case OPEN, FORCED_OPEN -> 2;
    };
  }
}

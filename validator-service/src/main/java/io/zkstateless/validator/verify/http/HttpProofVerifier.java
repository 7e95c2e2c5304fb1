package io.zkstateless.validator.verify.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.verify.ProofVerifier;
import io.zkstateless.validator.verify.VerificationResult;
import io.zkstateless.validator.verify.VerifierHealth;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code http} verifier: asks an external EIP-8025 proof verifier (zkboost v0.7's {@code POST
 * /v1/execution_proof_verifications}) about each proof. The proof is keyed by block hash on our
 * wire; the verifier wants the block's {@code new_payload_request_root}, which {@link
 * PayloadRequestRoots} computes from the beacon block.
 *
 * <p>Outcomes: {@code VALID} → valid (ACCEPT); {@code INVALID} → invalid (REJECT: the sender sent
 * a bad proof). Everything else says nothing about the proof and is {@link
 * VerificationResult.Unavailable} (IGNORE, no peer penalty): a timeout, a 5xx, a connection error,
 * an unknown proof type at the verifier, an open breaker, no free slot within {@code
 * acquire-timeout} (the bulkhead), no root. Calls are bounded three ways: a per-call timeout, at
 * most {@code max-concurrent} in flight, and a circuit breaker that stops calling after {@code
 * failure-threshold} failures in a row.
 */
public final class HttpProofVerifier implements ProofVerifier {

  private final HttpVerifierProperties config;
  private final PayloadRequestRoots roots;
  private final VerificationClient client;
  private final CircuitBreaker breaker;
  private final Semaphore slots;
  private final HttpVerifierMetrics metrics;

  public HttpProofVerifier(
      final String proofTypeName,
      final HttpVerifierProperties config,
      final PayloadRequestRoots roots,
      final HttpClient http,
      final JsonMapper json,
      final MeterRegistry registry,
      final Clock clock) {
    this.config = config;
    this.roots = roots;
    this.client = new VerificationClient(http, json, config);
    final HttpVerifierProperties.Breaker b = config.breaker();
    this.breaker =
        CircuitBreaker.of(
            "http-verifier-" + proofTypeName,
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.failureThreshold())
                .minimumNumberOfCalls(b.failureThreshold())
                .failureRateThreshold(100)
                .waitDurationInOpenState(b.openDuration())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                .clock(clock)
                .build());
    this.slots = new Semaphore(config.maxConcurrent(), true);
    this.metrics =
        new HttpVerifierMetrics(registry, proofTypeName, breaker, slots, config.maxConcurrent());
  }

  @Override
  public String kind() {
    return "http";
  }

  @Override
  public VerificationResult verify(final ExecutionProof proof, final BeaconBlock block) {
    final Bytes32 root;
    try {
      root = roots.rootFor(block);
    } catch (final PayloadRequestRoots.RootUnavailableException e) {
      return unavailable("root_unavailable", e.getMessage());
    }
    if (!acquireSlot()) {
      return unavailable(
          "busy", config.maxConcurrent() + " verifications in flight for " + config.acquireTimeout());
    }
    try {
      if (!breaker.tryAcquirePermission()) {
        return unavailable("breaker_open", "verifier " + config.url() + " breaker is open");
      }
      final long started = System.nanoTime();
      try {
        final VerificationClient.Status status = client.verify(root, proof.proofData().toArray());
        final long took = System.nanoTime() - started;
        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        metrics.took(Duration.ofNanos(took));
        if (status == VerificationClient.Status.VALID) {
          metrics.outcome("valid");
          return VerificationResult.VALID;
        }
        metrics.outcome("invalid");
        return new VerificationResult.Invalid(
            config.proofType() + " verifier answered INVALID for new_payload_request_root " + root);
      } catch (final VerificationClient.CallFailed e) {
        final long took = System.nanoTime() - started;
        breaker.onError(took, TimeUnit.NANOSECONDS, e);
        metrics.took(Duration.ofNanos(took));
        return unavailable(e.outcome(), e.getMessage());
      }
    } finally {
      slots.release();
    }
  }

  @Override
  public VerifierHealth health() {
    return switch (breaker.getState()) {
      case OPEN, FORCED_OPEN ->
          VerifierHealth.unavailable("breaker open: " + config.url() + " failed repeatedly");
      case HALF_OPEN -> new VerifierHealth(true, "breaker half-open");
      default -> new VerifierHealth(true, "breaker closed");
    };
  }

  /** The breaker's state, for tests and the admin view. */
  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  private boolean acquireSlot() {
    try {
      return slots.tryAcquire(config.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private VerificationResult unavailable(final String outcome, final String message) {
    metrics.outcome(outcome);
    return new VerificationResult.Unavailable(outcome + ": " + message);
  }
}

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
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
 *
 * <p>{@link #verifyAsync} (the gossip and Kafka path) runs each verification on a virtual thread of
 * its own, so the caller's thread is free at once; at most {@code max-waiting} are admitted at a
 * time (in flight or waiting for one of the {@code max-concurrent} slots), and a proof beyond that
 * is IGNOREd as {@code busy} without a thread. A slow verifier therefore costs each ingest thread
 * nothing, and memory at most {@code max-waiting} parked virtual threads.
 */
public final class HttpProofVerifier implements ProofVerifier {

  private final HttpVerifierProperties config;
  private final PayloadRequestRoots roots;
  private final VerificationClient client;
  private final CircuitBreaker breaker;
  private final Semaphore slots;
  private final Semaphore admitted;
  private final ThreadFactory verificationThreads;
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
    this.admitted = new Semaphore(config.maxWaiting());
    this.verificationThreads =
        Thread.ofVirtual().name("http-verifier-" + proofTypeName + "-", 0).factory();
    this.metrics =
        new HttpVerifierMetrics(
            registry, proofTypeName, breaker, slots, config.maxConcurrent(), admitted, config.maxWaiting());
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
  public CompletionStage<VerificationResult> verifyAsync(
      final ExecutionProof proof, final BeaconBlock block) {
    if (!admitted.tryAcquire()) {
      return CompletableFuture.completedFuture(
          unavailable("busy", config.maxWaiting() + " verifications already admitted"));
    }
    final CompletableFuture<VerificationResult> result = new CompletableFuture<>();
    try {
      verificationThreads
          .newThread(
              () -> {
                try {
                  result.complete(verify(proof, block));
                } catch (final RuntimeException e) {
                  result.completeExceptionally(e);
                } finally {
                  admitted.release();
                }
              })
          .start();
    } catch (final RuntimeException e) {
      admitted.release();
      result.complete(unavailable("busy", "no thread for the verification: " + e));
    }
    return result;
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

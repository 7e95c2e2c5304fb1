package io.zkstateless.validator.verify.http;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One proof type's external verifier ({@code validator.ingest.http-verifiers.<proof-type>.*}): a
 * zkboost v0.7 node, or anything serving {@code POST /v1/execution_proof_verifications}.
 *
 * @param url base URL (zkboost's default port is 3000)
 * @param proofType the verifier's proof type name, e.g. {@code reth-sp1}
 * @param timeout timeout of one verification call (Lighthouse uses 1 s)
 * @param maxConcurrent verification calls in flight at once (the bulkhead)
 * @param acquireTimeout how long a proof waits for a free slot before it is IGNOREd as {@code
 *     verifier_busy}
 * @param rootCacheSize beacon blocks whose {@code new_payload_request_root} is kept
 * @param breaker the circuit breaker around the calls
 * @param maxWaiting asynchronous verifications (gossip, Kafka) admitted at once, in flight or
 *     waiting for a slot; beyond it a proof is IGNOREd as {@code verifier_busy} at once, without
 *     taking a thread
 */
public record HttpVerifierProperties(
    @NotNull URI url,
    @NotBlank String proofType,
    @DurationMin(millis = 1) @DefaultValue("PT2S") Duration timeout,
    @Min(1) @Max(1024) @DefaultValue("4") int maxConcurrent,
    @DurationMin(millis = 0) @DefaultValue("PT0.5S") Duration acquireTimeout,
    @Min(1) @Max(1_000_000) @DefaultValue("1024") int rootCacheSize,
    @Valid @NotNull @DefaultValue Breaker breaker,
    @Min(1) @Max(1_000_000) @DefaultValue("64") int maxWaiting) {

  /** The bound Spring binds; the other constructor is for code written before {@code maxWaiting}. */
  @ConstructorBinding
  public HttpVerifierProperties {}

  /** With the default {@code maxWaiting} of 64. */
  public HttpVerifierProperties(
      final URI url,
      final String proofType,
      final Duration timeout,
      final int maxConcurrent,
      final Duration acquireTimeout,
      final int rootCacheSize,
      final Breaker breaker) {
    this(url, proofType, timeout, maxConcurrent, acquireTimeout, rootCacheSize, breaker, 64);
  }

  /**
   * After {@code failureThreshold} failed calls in a row (timeouts, 5xx, connection errors) the
   * breaker opens: proofs of this type are IGNOREd without a call for {@code openDuration}; then
   * {@code halfOpenCalls} trial calls decide whether it closes again.
   *
   * @param failureThreshold consecutive failures that open the breaker
   * @param openDuration how long it stays open
   * @param halfOpenCalls trial calls when half-open
   */
  public record Breaker(
      @Min(1) @Max(1000) @DefaultValue("5") int failureThreshold,
      @DurationMin(millis = 1) @DefaultValue("PT30S") Duration openDuration,
      @Min(1) @Max(100) @DefaultValue("1") int halfOpenCalls) {}
}

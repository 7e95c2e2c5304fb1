package io.zkstateless.validator.ingest;

import io.zkstateless.common.model.proof.ExecutionProofSchema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The proof ingestion pipeline ({@code validator.ingest.*}).
 *
 * @param verifiers proof type name to verifier kind ({@code mock}, ...); types without one are ignored
 * @param pendingMaxProofs proofs that may wait for their block at once
 * @param pendingMaxAge how long a proof may wait for its block
 * @param pendingMaxBytes proof bytes that may wait for their blocks at once (at least one largest
 *     proof, 4 MiB); the same bounds apply to the {@code parked_proof} table
 * @param pendingWriteBytesPerSecond how fast parked proofs may be written to PostgreSQL (a flood of
 *     proofs for unknown blocks must not become a flood of writes); 0 keeps them in memory only
 * @param maxFutureSkew how far in the future a proof timestamp may be (clock skew)
 * @param maxProofAge proofs generated longer ago than this are ignored as stale
 * @param failuresPerSourcePerSecond sustained failed proofs allowed per source
 * @param failureBurstPerSource failed proofs a source may send at once before being limited
 * @param failuresPerSecond sustained failed proofs allowed from all sources together
 */
@Validated
@ConfigurationProperties("validator.ingest")
public record IngestProperties(
    Map<String, String> verifiers,
    @DefaultValue("1024") @Min(1) @Max(1_000_000) int pendingMaxProofs,
    @DefaultValue("PT5M") Duration pendingMaxAge,
    @DefaultValue("PT60S") Duration maxFutureSkew,
    @DefaultValue("P7D") Duration maxProofAge,
    @DefaultValue("5") @Min(0) double failuresPerSourcePerSecond,
    @DefaultValue("20") @Min(1) double failureBurstPerSource,
    @DefaultValue("200") @Min(1) double failuresPerSecond,
    @DefaultValue("64MB") DataSize pendingMaxBytes,
    @DefaultValue("8MB") DataSize pendingWriteBytesPerSecond) {

  @ConstructorBinding
  public IngestProperties {
    verifiers = verifiers == null ? Map.of("mock", "mock", "witness", "witness") : Map.copyOf(verifiers);
    pendingMaxBytes = pendingMaxBytes == null ? DEFAULT_PENDING_MAX_BYTES : pendingMaxBytes;
    pendingWriteBytesPerSecond =
        pendingWriteBytesPerSecond == null ? DEFAULT_PENDING_WRITE_RATE : pendingWriteBytesPerSecond;
    if (pendingMaxBytes.toBytes() < ExecutionProofSchema.MAX_PROOF_SIZE) {
      throw new IllegalArgumentException("validator.ingest.pending-max-bytes " + pendingMaxBytes
          + " is below one largest proof (" + ExecutionProofSchema.MAX_PROOF_SIZE + " bytes)");
    }
    if (pendingWriteBytesPerSecond.toBytes() < 0) {
      throw new IllegalArgumentException(
          "validator.ingest.pending-write-bytes-per-second must not be negative: " + pendingWriteBytesPerSecond);
    }
  }

  private static final DataSize DEFAULT_PENDING_MAX_BYTES = DataSize.ofMegabytes(64);
  private static final DataSize DEFAULT_PENDING_WRITE_RATE = DataSize.ofMegabytes(8);

  /** With the park's byte bound and write rate at their defaults. */
  public IngestProperties(
      final Map<String, String> verifiers,
      final int pendingMaxProofs,
      final Duration pendingMaxAge,
      final Duration maxFutureSkew,
      final Duration maxProofAge,
      final double failuresPerSourcePerSecond,
      final double failureBurstPerSource,
      final double failuresPerSecond) {
    this(verifiers, pendingMaxProofs, pendingMaxAge, maxFutureSkew, maxProofAge, failuresPerSourcePerSecond,
        failureBurstPerSource, failuresPerSecond, null, null);
  }
}

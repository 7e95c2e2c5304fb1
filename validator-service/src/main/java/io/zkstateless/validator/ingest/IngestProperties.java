package io.zkstateless.validator.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The proof ingestion pipeline ({@code validator.ingest.*}).
 *
 * @param verifiers proof type name to verifier kind ({@code mock}, ...); types without one are ignored
 * @param pendingMaxProofs proofs that may wait for their block at once
 * @param pendingMaxAge how long a proof may wait for its block
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
    @DefaultValue("200") @Min(1) double failuresPerSecond) {

  public IngestProperties {
    verifiers = verifiers == null ? Map.of("mock", "mock", "witness", "witness") : Map.copyOf(verifiers);
  }
}

package io.zkstateless.validator.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of the proven view ({@code validator.proof-store.*}).
 *
 * @param indexSize execution block hashes whose proof types are indexed in memory (LRU beyond)
 * @param maxReorgDepth blocks a head change may walk back to find the canonical chain
 * @param orphanRetention how long a proof whose block is unknown or pruned is kept
 */
@Validated
@ConfigurationProperties("validator.proof-store")
public record ProofStoreProperties(
    @DefaultValue("10000") @Min(16) @Max(10_000_000) int indexSize,
    @DefaultValue("1024") @Min(1) @Max(1_000_000) int maxReorgDepth,
    @DefaultValue("PT10M") Duration orphanRetention) {

  public ProofStoreProperties {
    if (orphanRetention.isNegative() || orphanRetention.isZero()) {
      throw new IllegalArgumentException("validator.proof-store.orphan-retention must be positive");
    }
  }
}

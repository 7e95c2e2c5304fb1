package io.zkstateless.validator.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The product-wide {@code zk.*} settings of the design. A validator follows proofs; a process that
 * also asks to generate proofs is misconfigured (only a stateful node can prove) and refuses to
 * start.
 */
@Validated
@ConfigurationProperties("zk")
public record ZkChainProperties(
    @DefaultValue("true") boolean statelessValidation,
    @DefaultValue("1") @Min(1) @Max(64) int statelessMinProofsRequired,
    @DefaultValue("8") @Min(1) @Max(64) int maxExecutionProofSubnets,
    @DefaultValue("false") boolean generateExecutionProofs) {

  public ZkChainProperties {
    if (statelessValidation && generateExecutionProofs) {
      throw new IllegalArgumentException(
          "zk.generate-execution-proofs needs a stateful execution client and cannot be combined"
              + " with zk.stateless-validation");
    }
    if (statelessMinProofsRequired > maxExecutionProofSubnets) {
      throw new IllegalArgumentException(
          "zk.stateless-min-proofs-required (" + statelessMinProofsRequired
              + ") cannot exceed zk.max-execution-proof-subnets (" + maxExecutionProofSubnets + ")");
    }
  }
}

package io.zkstateless.prover.config;

import io.zkstateless.common.model.proof.ExecutionProofSubnetConfig;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The product-wide {@code zk.*} settings as a prover reads them. Only a stateful node can prove, so
 * a prover must have {@code zk.generate-execution-proofs} on and refuses to start when it is off or
 * combined with {@code zk.stateless-validation} (Teku's {@code ZkChainConfiguration} rule).
 *
 * @param statelessValidation must stay off in a prover
 * @param generateExecutionProofs must be on in a prover
 * @param maxExecutionProofSubnets subnet count; every proof type's subnet must be below it
 * @param proofTypes proof type name to id (= subnet in v1); empty means {@link
 *     ProofTypeRegistry#DEFAULT_TYPES}
 */
@Validated
@ConfigurationProperties("zk")
public record ZkChainProperties(
    @DefaultValue("false") boolean statelessValidation,
    @DefaultValue("true") boolean generateExecutionProofs,
    @DefaultValue("8") @Min(1) @Max(64) int maxExecutionProofSubnets,
    Map<String, Integer> proofTypes) {

  public ZkChainProperties {
    if (!generateExecutionProofs) {
      throw new IllegalArgumentException(
          "the prover needs zk.generate-execution-proofs=true; it has nothing else to do");
    }
    if (statelessValidation) {
      throw new IllegalArgumentException(
          "zk.generate-execution-proofs needs a stateful execution client and cannot be combined"
              + " with zk.stateless-validation");
    }
    proofTypes =
        proofTypes == null || proofTypes.isEmpty()
            ? ProofTypeRegistry.DEFAULT_TYPES
            : Collections.unmodifiableMap(new LinkedHashMap<>(proofTypes));
    // Fail at bind time, naming the bad entry, rather than when the first job is made.
    registry(proofTypes, maxExecutionProofSubnets);
  }

  /** The configured proof types, validated (unique ids, names and subnets; subnets in range). */
  public ProofTypeRegistry proofTypeRegistry() {
    return registry(proofTypes, maxExecutionProofSubnets);
  }

  private static ProofTypeRegistry registry(final Map<String, Integer> types, final int subnets) {
    return ProofTypeRegistry.fromConfig(types, new ExecutionProofSubnetConfig(subnets));
  }
}

package io.zkstateless.common.model.proof;

/**
 * How many execution-proof subnets exist ({@code zk.max-execution-proof-subnets}). Subnet ids and
 * proof types are validated against it; Teku and Lighthouse both use 8.
 */
public record ExecutionProofSubnetConfig(int maxSubnets) {

  public static final int DEFAULT_MAX_SUBNETS = 8;

  /** Upper bound on the setting: one gossip topic per subnet, so keep it small. */
  public static final int MAX_SUPPORTED_SUBNETS = 64;

  public static final ExecutionProofSubnetConfig DEFAULT =
      new ExecutionProofSubnetConfig(DEFAULT_MAX_SUBNETS);

  public ExecutionProofSubnetConfig {
    if (maxSubnets < 1 || maxSubnets > MAX_SUPPORTED_SUBNETS) {
      throw new IllegalArgumentException(
          "zk.max-execution-proof-subnets must be 1.."
              + MAX_SUPPORTED_SUBNETS
              + ", got "
              + maxSubnets);
    }
  }
}

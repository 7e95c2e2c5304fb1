package io.zkstateless.common.model.proof;

/**
 * A v1 execution-proof subnet, {@code 0..maxSubnets-1}; also the proof type's wire identity (subnet
 * id = proof type). Carried on the wire as SSZ {@code uint64}.
 */
public record ExecutionProofSubnetId(int value) implements Comparable<ExecutionProofSubnetId> {

  public ExecutionProofSubnetId {
    if (value < 0 || value >= ExecutionProofSubnetConfig.MAX_SUPPORTED_SUBNETS) {
      throw new IllegalArgumentException("subnet_id " + value + " is out of range");
    }
  }

  /**
   * The subnet for a uint64 wire value (unsigned), checked against the configured subnet count.
   *
   * @throws IllegalArgumentException if the value is not below {@code config.maxSubnets()}
   */
  public static ExecutionProofSubnetId of(
      final long value, final ExecutionProofSubnetConfig config) {
    if (Long.compareUnsigned(value, config.maxSubnets()) >= 0) {
      throw new IllegalArgumentException(
          "subnet_id "
              + Long.toUnsignedString(value)
              + " is out of range 0.."
              + (config.maxSubnets() - 1));
    }
    return new ExecutionProofSubnetId((int) value);
  }

  /** Checked against the default of 8 subnets. */
  public static ExecutionProofSubnetId of(final long value) {
    return of(value, ExecutionProofSubnetConfig.DEFAULT);
  }

  /** The uint64 wire value. */
  public long toUint64() {
    return value;
  }

  @Override
  public int compareTo(final ExecutionProofSubnetId other) {
    return Integer.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}

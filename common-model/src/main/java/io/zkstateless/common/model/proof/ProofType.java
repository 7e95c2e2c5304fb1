package io.zkstateless.common.model.proof;

import java.util.regex.Pattern;

/**
 * A proof system, e.g. {@code sp1}, and the one subnet its proofs travel on. In v1 the subnet id is
 * the proof type's wire identity, so a registry keeps ids, names and subnets one-to-one.
 *
 * @param id numeric proof type id (equal to the subnet in the default configuration)
 * @param name lower-case configuration and Kafka-header name
 * @param subnet the gossip subnet carrying this type's proofs
 */
public record ProofType(int id, String name, ExecutionProofSubnetId subnet) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public ProofType {
    if (id < 0) {
      throw new IllegalArgumentException("proof type id must not be negative: " + id);
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "proof type name must be 1-32 of [a-z0-9-], starting alphanumeric: '" + name + "'");
    }
    if (subnet == null) {
      throw new IllegalArgumentException("proof type " + name + " needs a subnet");
    }
  }

  @Override
  public String toString() {
    return name + "(" + id + "@subnet " + subnet + ")";
  }
}

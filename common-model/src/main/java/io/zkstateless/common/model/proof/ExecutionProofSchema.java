package io.zkstateless.common.model.proof;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszByteListSchema;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszInput;
import io.zkstateless.common.model.ssz.SszMappedSchema;
import io.zkstateless.common.model.ssz.SszSchema;
import io.zkstateless.common.model.ssz.SszUintSchema;
import java.util.List;

/**
 * SSZ schema of the v1 {@link ExecutionProof}: field names, the {@code proof_data} limit, creation,
 * encoding, strict decoding and hash_tree_root. The fixed part is 56 bytes ({@code block_hash} 32,
 * {@code subnet_id} 8, {@code version} 4, the {@code proof_data} offset 4, {@code timestamp} 8), so
 * the offset is always 56.
 *
 * <p>The subnet count is configuration, so a schema instance is bound to one {@link
 * ExecutionProofSubnetConfig}; decoding rejects a {@code subnet_id} outside it.
 */
public final class ExecutionProofSchema implements SszSchema<ExecutionProof> {

  /** {@code MAX_PROOF_SIZE}: 4 MiB, the EIP-8025 bound, decided product-wide (A.2). */
  public static final int MAX_PROOF_SIZE = 4 * 1024 * 1024;

  /** Size of the fixed part, which is also the only valid {@code proof_data} offset. */
  public static final int FIXED_PART_SIZE = 56;

  static final SszField<ExecutionProof, Bytes32> BLOCK_HASH =
      SszField.of("block_hash", SszBytes32Schema.BYTES32, ExecutionProof::blockHash);
  static final SszField<ExecutionProof, Long> VERSION =
      SszField.of("version", SszUintSchema.UINT32, ExecutionProof::version);
  static final SszField<ExecutionProof, ImmutableBytes> PROOF_DATA =
      SszField.of("proof_data", new SszByteListSchema(MAX_PROOF_SIZE), ExecutionProof::proofData);
  static final SszField<ExecutionProof, Long> TIMESTAMP =
      SszField.of("timestamp", SszUintSchema.UINT64, ExecutionProof::timestamp);

  /** Under the default 8 subnets. Declared after the fields it needs (static init order). */
  public static final ExecutionProofSchema DEFAULT =
      new ExecutionProofSchema(ExecutionProofSubnetConfig.DEFAULT);

  private final ExecutionProofSubnetConfig subnets;
  private final SszContainerSchema<ExecutionProof> container;

  public ExecutionProofSchema(final ExecutionProofSubnetConfig subnets) {
    this.subnets = subnets;
    final SszField<ExecutionProof, ExecutionProofSubnetId> subnetId =
        SszField.of(
            "subnet_id",
            new SszMappedSchema<>(
                SszUintSchema.UINT64,
                wire -> ExecutionProofSubnetId.of(wire, subnets),
                ExecutionProofSubnetId::toUint64),
            ExecutionProof::subnetId);
    this.container =
        SszContainerSchema.of(
            "ExecutionProof",
            List.of(BLOCK_HASH, subnetId, VERSION, PROOF_DATA, TIMESTAMP),
            v ->
                new ExecutionProof(
                    v.get(BLOCK_HASH),
                    v.get(subnetId),
                    v.get(VERSION),
                    v.get(PROOF_DATA),
                    v.get(TIMESTAMP)));
  }

  public ExecutionProofSubnetConfig subnets() {
    return subnets;
  }

  /**
   * A validated proof.
   *
   * @throws IllegalArgumentException if a value is out of range for its field or this schema's
   *     subnet count
   */
  public ExecutionProof create(
      final Bytes32 blockHash,
      final long subnetId,
      final long version,
      final ImmutableBytes proofData,
      final long timestamp) {
    return new ExecutionProof(
        blockHash, ExecutionProofSubnetId.of(subnetId, subnets), version, proofData, timestamp);
  }

  @Override
  public String typeName() {
    return container.typeName();
  }

  @Override
  public boolean isFixedSize() {
    return false;
  }

  @Override
  public int fixedSize() {
    return container.fixedSize();
  }

  @Override
  public long minSize() {
    return container.minSize();
  }

  /** 56 + {@link #MAX_PROOF_SIZE}: the uncompressed bound for gossip and Kafka. */
  @Override
  public long maxSize() {
    return container.maxSize();
  }

  @Override
  public int encodedSize(final ExecutionProof value) {
    return container.encodedSize(value);
  }

  @Override
  public void encodeInto(final ExecutionProof value, final byte[] out, final int offset) {
    checkSubnet(value);
    container.encodeInto(value, out, offset);
  }

  @Override
  public ExecutionProof decode(final SszInput input) {
    return container.decode(input);
  }

  @Override
  public Bytes32 hashTreeRoot(final ExecutionProof value) {
    return container.hashTreeRoot(value);
  }

  private void checkSubnet(final ExecutionProof value) {
    // A proof built under a larger subnet count must not leave through a narrower schema.
    ExecutionProofSubnetId.of(value.subnetId().toUint64(), subnets);
  }

  @Override
  public String toString() {
    return typeName();
  }
}

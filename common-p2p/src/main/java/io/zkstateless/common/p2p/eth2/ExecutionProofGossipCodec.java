package io.zkstateless.common.p2p.eth2;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.snappy.SnappyBlock;

/**
 * {@code ExecutionProof} on gossip: SSZ in the snappy block format. The uncompressed size is
 * bounded by the type (56 fixed bytes plus {@code MAX_PROOF_SIZE}), which is below eth2's {@code
 * MAX_PAYLOAD_SIZE}, so that is the bound decompression enforces before allocating.
 */
public final class ExecutionProofGossipCodec {

  public static final int MAX_UNCOMPRESSED =
      ExecutionProofSchema.FIXED_PART_SIZE + ExecutionProofSchema.MAX_PROOF_SIZE;

  public static final long MAX_COMPRESSED = SnappyBlock.maxCompressedLength(MAX_UNCOMPRESSED);

  private final ExecutionProofSchema schema;

  public ExecutionProofGossipCodec(final ExecutionProofSchema schema) {
    this.schema = schema;
  }

  public byte[] encode(final ExecutionProof proof) {
    return SnappyBlock.compress(schema.encode(proof));
  }

  /**
   * Decodes gossip {@code data}.
   *
   * @throws io.zkstateless.common.model.codec.DecodeException if the data is too large, not snappy,
   *     or not a valid {@code ExecutionProof} under this schema's subnet count
   */
  public ExecutionProof decode(final byte[] data) {
    return schema.decode(SnappyBlock.decompress(data, MAX_UNCOMPRESSED));
  }

  public ExecutionProofSchema schema() {
    return schema;
  }
}

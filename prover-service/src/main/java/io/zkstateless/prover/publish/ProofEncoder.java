package io.zkstateless.prover.publish;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ProofType;
import io.zkstateless.prover.jobs.BlockRef;
import java.time.Clock;

/**
 * Turns a worker's proof bytes into the v1 {@link ExecutionProof} record: the type's subnet, format
 * version 1 and the generation time in unix seconds. Encoded once, so a re-send after a takeover is
 * byte-identical.
 */
public final class ProofEncoder {

  /** The proof format version the prover emits. */
  public static final long VERSION = 1;

  private final ExecutionProofSchema schema;
  private final Clock clock;

  public ProofEncoder(final ExecutionProofSchema schema, final Clock clock) {
    this.schema = schema;
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException if the proof is larger than the wire limit (4 MiB)
   */
  public byte[] encode(final BlockRef block, final ProofType proofType, final byte[] proofData) {
    return schema.encode(
        new ExecutionProof(
            block.blockHash(),
            proofType.subnet(),
            VERSION,
            ImmutableBytes.of(proofData),
            clock.instant().getEpochSecond()));
  }
}

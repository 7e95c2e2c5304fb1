package io.zkstateless.common.model.witness;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.Objects;

/**
 * The content of a {@code witness} proof: the RLP header of the proven execution block and the
 * execution witness of that block. The wire form is {@link WitnessProofFormat}.
 *
 * @param blockHeader the block's RLP header; its Keccak-256 is the execution block hash
 * @param witness the block's execution witness
 */
public record WitnessProof(ImmutableBytes blockHeader, ExecutionWitness witness) {

  public WitnessProof {
    Objects.requireNonNull(blockHeader, "blockHeader");
    Objects.requireNonNull(witness, "witness");
  }
}

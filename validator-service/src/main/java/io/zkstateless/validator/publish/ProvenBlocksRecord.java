package io.zkstateless.validator.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.zkstateless.validator.chain.ProvenChainEvent;

/**
 * The JSON value of a {@code proven-blocks} record. {@code type} is one of {@code block_proven},
 * {@code proven_head_moved}, {@code reorg}, {@code finalized}; the other fields are set as the type
 * needs. Roots and hashes are 0x hex.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProvenBlocksRecord(
    String type,
    String blockRoot,
    Long slot,
    String executionBlockHash,
    String fromRoot,
    Long fromSlot,
    String oldHeadRoot,
    String commonAncestorRoot,
    Integer depth) {

  static ProvenBlocksRecord of(final ProvenChainEvent event) {
    return switch (event) {
      case ProvenChainEvent.BlockProven p ->
          new ProvenBlocksRecord("block_proven", p.blockRoot().toHexString(), p.slot(),
              p.executionBlockHash().toHexString(), null, null, null, null, null);
      case ProvenChainEvent.ProvenHeadMoved m ->
          new ProvenBlocksRecord("proven_head_moved", m.toRoot().toHexString(), m.toSlot(), null,
              m.fromRoot().toHexString(), m.fromSlot(), null, null, null);
      case ProvenChainEvent.Reorg r ->
          new ProvenBlocksRecord("reorg", r.newHeadRoot().toHexString(), null, null, null, null,
              r.oldHeadRoot().toHexString(), r.commonAncestorRoot().toHexString(), r.depth());
      case ProvenChainEvent.Finalized f ->
          new ProvenBlocksRecord("finalized", f.root().toHexString(), f.slot(), null, null, null, null, null, null);
    };
  }
}

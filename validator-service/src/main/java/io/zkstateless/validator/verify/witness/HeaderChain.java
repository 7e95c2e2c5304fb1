package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a witness's headers are exactly one unbroken Keccak hash chain ending at the block's
 * parent. Producers order them differently (reth ascending, Besu descending), so the chain is
 * followed by hash rather than by position.
 */
final class HeaderChain {

  private HeaderChain() {}

  /**
   * The parent header of {@code block}, after checking the whole chain.
   *
   * @throws WitnessCheckFailure if a header does not decode or repeats, the parent is missing, a
   *     number is not one less than its child's, or a header is not an ancestor of the block
   */
  static ExecutionHeader parentOf(final ExecutionHeader block, final List<ImmutableBytes> headers) {
    final Map<Bytes32, ExecutionHeader> byHash = HashMap.newHashMap(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      final ExecutionHeader header;
      try {
        header = ExecutionHeader.decode(headers.get(i).toArray());
      } catch (final RlpDecodeException e) {
        throw new WitnessCheckFailure(
            "headers[" + i + "] is not a block header: " + e.getMessage());
      }
      if (byHash.put(header.hash(), header) != null) {
        throw new WitnessCheckFailure("headers[" + i + "] repeats header " + header.hash());
      }
    }
    final ExecutionHeader parent = byHash.get(block.parentHash());
    if (parent == null) {
      throw new WitnessCheckFailure(
          "witness lacks the parent header "
              + block.parentHash()
              + " (number "
              + (block.number() - 1)
              + ") of block "
              + block.number());
    }
    ExecutionHeader child = block;
    ExecutionHeader ancestor = parent;
    int linked = 0;
    while (ancestor != null) {
      if (ancestor.number() != child.number() - 1) {
        throw new WitnessCheckFailure(
            "header "
                + ancestor.hash()
                + " has number "
                + ancestor.number()
                + ", expected "
                + (child.number() - 1));
      }
      linked++;
      child = ancestor;
      ancestor = byHash.get(ancestor.parentHash());
    }
    if (linked != byHash.size()) {
      throw new WitnessCheckFailure(
          (byHash.size() - linked) + " witness header(s) are not on the hash chain to the parent");
    }
    return parent;
  }
}

package io.zkstateless.common.model.witness;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.List;
import java.util.Objects;

/**
 * An execution witness in the shape of {@code debug_executionWitness} (reth, Besu, ethrex, EEST):
 * the pre-state trie nodes, the contract codes, the keys the block touched and the ancestor
 * headers. Every entry is raw bytes; nothing here is checked but presence, which is the job of
 * the validator's witness integrity checker.
 *
 * @param state RLP-encoded Merkle-Patricia trie nodes of the account and storage tries, in any
 *     order; reth's legacy mode adds the empty-string node {@code 0x80}
 * @param codes contract bytecodes, in any order; {@code 0x} is the empty code
 * @param keys 20-byte addresses, each followed by the 32-byte storage slots read or written in that
 *     account; empty when the producer does not fill it (geth, EEST)
 * @param headers RLP-encoded execution block headers from the oldest one the block needs (for
 *     {@code BLOCKHASH}) up to its parent, ascending or descending
 */
public record ExecutionWitness(
    List<ImmutableBytes> state,
    List<ImmutableBytes> codes,
    List<ImmutableBytes> keys,
    List<ImmutableBytes> headers) {

  public ExecutionWitness {
    state = List.copyOf(Objects.requireNonNull(state, "state"));
    codes = List.copyOf(Objects.requireNonNull(codes, "codes"));
    keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
    headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
  }

  @Override
  public String toString() {
    return "ExecutionWitness{state="
        + state.size()
        + ", codes="
        + codes.size()
        + ", keys="
        + keys.size()
        + ", headers="
        + headers.size()
        + "}";
  }
}

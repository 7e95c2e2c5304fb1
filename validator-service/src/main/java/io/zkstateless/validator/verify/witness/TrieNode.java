package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.rlp.RlpBytes;
import io.zkstateless.common.model.rlp.RlpItem;
import io.zkstateless.common.model.rlp.RlpList;
import java.util.List;

/**
 * One Merkle-Patricia trie node, decoded and validated. A child reference is an {@link RlpItem}:
 * the empty string (no child), a 32-byte string (the Keccak-256 of a node stored elsewhere) or a
 * list (a node whose RLP is shorter than 32 bytes, inlined in its parent).
 */
sealed interface TrieNode {

  int BRANCH_ITEMS = 17;
  int HASH_SIZE = 32;

  /** The empty-string node {@code 0x80}: the root of an empty trie (reth legacy witnesses). */
  record Empty() implements TrieNode {}

  /** 16 children indexed by the next nibble, and a value (always empty in Ethereum's tries). */
  record Branch(List<RlpItem> children, byte[] value) implements TrieNode {}

  /** A shared run of nibbles, then one child. */
  record Extension(byte[] path, RlpItem child) implements TrieNode {}

  /** The rest of the key's nibbles, and the value stored under it. */
  record Leaf(byte[] path, byte[] value) implements TrieNode {}

  /** Decodes a node from its RLP, checking inlined children too. */
  static TrieNode decode(final byte[] rlp) {
    return decode(RlpItem.decode(rlp));
  }

  /**
   * Decodes a node from its RLP item.
   *
   * @throws WitnessCheckFailure if it is neither the empty string, a 17-item branch nor a 2-item
   *     extension or leaf with a valid path and child references
   */
  static TrieNode decode(final RlpItem item) {
    if (item instanceof RlpBytes bytes) {
      if (bytes.length() == 0) {
        return new Empty();
      }
      throw new WitnessCheckFailure(
          "trie node is a " + bytes.length() + "-byte string, not a list");
    }
    final RlpList list = (RlpList) item;
    if (list.size() == BRANCH_ITEMS) {
      final List<RlpItem> children = list.items().subList(0, BRANCH_ITEMS - 1);
      children.forEach(TrieNode::checkReference);
      return new Branch(children, string(list.get(BRANCH_ITEMS - 1), "branch value"));
    }
    if (list.size() != 2) {
      throw new WitnessCheckFailure(
          "trie node is a list of " + list.size() + " items, not 2 or 17");
    }
    final HexPrefix path = HexPrefix.decode(string(list.get(0), "node path"));
    if (path.leaf()) {
      return new Leaf(path.nibbles(), string(list.get(1), "leaf value"));
    }
    if (path.nibbles().length == 0) {
      throw new WitnessCheckFailure("extension node with an empty path");
    }
    if (list.get(1) instanceof RlpBytes child && child.length() == 0) {
      throw new WitnessCheckFailure("extension node without a child");
    }
    checkReference(list.get(1));
    return new Extension(path.nibbles(), list.get(1));
  }

  private static void checkReference(final RlpItem reference) {
    switch (reference) {
      case RlpBytes hash -> {
        if (hash.length() != 0 && hash.length() != HASH_SIZE) {
          throw new WitnessCheckFailure(
              "child reference of " + hash.length() + " bytes, not empty or a 32-byte hash");
        }
      }
      case RlpList inline -> {
        if (inline.encode().length >= HASH_SIZE) {
          throw new WitnessCheckFailure("inlined child node of 32 bytes or more must be hashed");
        }
        decode(inline);
      }
    }
  }

  private static byte[] string(final RlpItem item, final String what) {
    if (item instanceof RlpBytes bytes) {
      return bytes.bytes();
    }
    throw new WitnessCheckFailure(what + " is a list, expected a byte string");
  }
}

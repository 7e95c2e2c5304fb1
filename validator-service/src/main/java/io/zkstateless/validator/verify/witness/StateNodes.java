package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpBytes;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import io.zkstateless.common.model.rlp.RlpItem;
import io.zkstateless.common.model.rlp.RlpList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The witness's trie nodes by Keccak-256, every one checked to decode as a trie node, and key
 * lookups over them. Nodes are kept as RLP and decoded again when a walk passes through: a walk
 * touches a handful of nodes, and keeping only bytes bounds memory by the witness size.
 */
final class StateNodes {

  /** Keccak-256 of the empty string's RLP {@code 0x80}: the root of an empty trie. */
  static final Bytes32 EMPTY_TRIE_ROOT =
      Bytes32.fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

  /** A hashed key is 32 bytes, so 64 nibbles; one more step reaches a branch value. */
  private static final int MAX_WALK_STEPS = 65;

  private final Map<Bytes32, byte[]> byHash;

  private StateNodes(final Map<Bytes32, byte[]> byHash) {
    this.byHash = byHash;
  }

  /**
   * Indexes and validates all nodes.
   *
   * @throws WitnessCheckFailure on the first node that does not decode, or a repeated node
   */
  static StateNodes index(final List<ImmutableBytes> state) {
    final Map<Bytes32, byte[]> byHash = HashMap.newHashMap(state.size());
    for (int i = 0; i < state.size(); i++) {
      final byte[] rlp = state.get(i).toArray();
      try {
        TrieNode.decode(rlp);
      } catch (final RlpDecodeException | WitnessCheckFailure e) {
        throw new WitnessCheckFailure("state[" + i + "] is not a trie node: " + e.getMessage());
      }
      if (byHash.put(Hashes.keccak256(rlp), rlp) != null) {
        throw new WitnessCheckFailure("state[" + i + "] repeats an earlier node");
      }
    }
    return new StateNodes(byHash);
  }

  int size() {
    return byHash.size();
  }

  boolean contains(final Bytes32 hash) {
    return byHash.containsKey(hash);
  }

  /** Looks up the key whose Keccak-256 is {@code hashedKey} in the trie under {@code root}. */
  TrieLookup lookup(final Bytes32 root, final Bytes32 hashedKey) {
    if (root.equals(EMPTY_TRIE_ROOT)) {
      return TrieLookup.ABSENT;
    }
    final byte[] path = HexPrefix.nibblesOf(hashedKey.toArray());
    RlpItem reference = RlpBytes.of(root.toArray());
    int position = 0;
    for (int step = 0; step < MAX_WALK_STEPS; step++) {
      final TrieNode node;
      switch (reference) {
        case RlpList inline -> node = TrieNode.decode(inline);
        case RlpBytes hashBytes -> {
          if (hashBytes.length() == 0) {
            return TrieLookup.ABSENT;
          }
          final Bytes32 hash = Bytes32.wrap(hashBytes.bytes());
          final byte[] rlp = byHash.get(hash);
          if (rlp == null) {
            return new TrieLookup.Missing(hash, position);
          }
          node = TrieNode.decode(rlp);
        }
      }
      switch (node) {
        case TrieNode.Empty empty -> {
          return TrieLookup.ABSENT;
        }
        case TrieNode.Leaf leaf -> {
          return Arrays.equals(path, position, path.length, leaf.path(), 0, leaf.path().length)
              ? new TrieLookup.Found(leaf.value())
              : TrieLookup.ABSENT;
        }
        case TrieNode.Extension extension -> {
          final int end = position + extension.path().length;
          if (end > path.length
              || !Arrays.equals(
                  path, position, end, extension.path(), 0, extension.path().length)) {
            return TrieLookup.ABSENT;
          }
          position = end;
          reference = extension.child();
        }
        case TrieNode.Branch branch -> {
          if (position == path.length) {
            return branch.value().length == 0
                ? TrieLookup.ABSENT
                : new TrieLookup.Found(branch.value());
          }
          reference = branch.children().get(path[position++]);
        }
      }
    }
    throw new WitnessCheckFailure(
        "trie walk for key " + Hex.encode(hashedKey.toArray()) + " did not end");
  }
}

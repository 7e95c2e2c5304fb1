package io.zkstateless.validator.verify.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key lookups over small hand-built tries: leaves, extensions, branches, inlined nodes. */
class StateNodesTest {

  private static final Bytes32 KEY_A = Hashes.keccak256(new byte[] {0x0a});
  private static final Bytes32 KEY_B = Hashes.keccak256(new byte[] {0x0b});
  private static final byte[] VALUE = RlpWriter.encodeBytes(new byte[] {0x2a});

  @Test
  void singleLeafRootFindsItsKeyAndProvesOthersAbsent() {
    final byte[] leaf = leaf(HexPrefix.nibblesOf(KEY_A.toArray()), VALUE);
    final StateNodes nodes = StateNodes.index(List.of(ImmutableBytes.of(leaf)));
    final Bytes32 root = Hashes.keccak256(leaf);

    assertThat(nodes.lookup(root, KEY_A))
        .isInstanceOfSatisfying(
            TrieLookup.Found.class, found -> assertThat(found.value()).isEqualTo(VALUE));
    assertThat(nodes.lookup(root, KEY_B)).isEqualTo(TrieLookup.ABSENT);
    assertThat(nodes.lookup(StateNodes.EMPTY_TRIE_ROOT, KEY_A)).isEqualTo(TrieLookup.ABSENT);
  }

  @Test
  void branchWithAnInlinedLeafAndAnEmptySlot() {
    final byte[] path = HexPrefix.nibblesOf(KEY_A.toArray());
    // A leaf with a one-nibble path and a one-byte value is far below 32 bytes, so it is inlined.
    final byte[] inlineLeaf =
        leaf(Arrays.copyOfRange(path, 1, 2), RlpWriter.encodeBytes(new byte[] {7}));
    final List<byte[]> children = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      children.add(i == path[0] ? inlineLeaf : RlpWriter.encodeBytes(new byte[0]));
    }
    children.add(RlpWriter.encodeBytes(new byte[0]));
    final byte[] branch = RlpWriter.encodeList(children);
    final StateNodes nodes = StateNodes.index(List.of(ImmutableBytes.of(branch)));
    final Bytes32 root = Hashes.keccak256(branch);

    // The inlined leaf only covers one more nibble, so the 64-nibble key is not it: absent.
    assertThat(nodes.lookup(root, KEY_A)).isEqualTo(TrieLookup.ABSENT);
    final byte[] emptySlotKey = firstKeyWithFirstNibble((path[0] + 1) % 16);
    assertThat(nodes.lookup(root, Bytes32.wrap(emptySlotKey))).isEqualTo(TrieLookup.ABSENT);
  }

  @Test
  void extensionToAMissingNodeIsReportedWithTheDepth() {
    final byte[] path = HexPrefix.nibblesOf(KEY_A.toArray());
    final Bytes32 absentChild = Hashes.keccak256(new byte[] {1, 2, 3});
    final byte[] extension =
        RlpWriter.encodeList(
            RlpWriter.encodeBytes(hexPrefix(Arrays.copyOfRange(path, 0, 3), false)),
            RlpWriter.encodeBytes(absentChild.toArray()));
    final StateNodes nodes = StateNodes.index(List.of(ImmutableBytes.of(extension)));
    final Bytes32 root = Hashes.keccak256(extension);

    assertThat(nodes.lookup(root, KEY_A)).isEqualTo(new TrieLookup.Missing(absentChild, 3));
    // A key that leaves the extension's path is proven absent without the child.
    final byte[] other = firstKeyWithFirstNibble((path[0] + 1) % 16);
    assertThat(nodes.lookup(root, Bytes32.wrap(other))).isEqualTo(TrieLookup.ABSENT);
  }

  @Test
  void nodesThatAreNotTrieNodesAreRefused() {
    assertRefused(
        RlpWriter.encodeList(RlpWriter.encodeBytes(new byte[] {0x20})), "list of 1 items");
    assertRefused(RlpWriter.encodeBytes(new byte[] {1, 2}), "2-byte string, not a list");
    assertRefused(
        RlpWriter.encodeList(
            RlpWriter.encodeBytes(new byte[] {0x40}), RlpWriter.encodeBytes(new byte[] {1})),
        "hex-prefix flag 4");
    assertRefused(
        RlpWriter.encodeList(
            RlpWriter.encodeBytes(new byte[] {0x00}), RlpWriter.encodeBytes(new byte[32])),
        "extension node with an empty path");
    assertRefused(
        RlpWriter.encodeList(
            RlpWriter.encodeBytes(new byte[] {0x12}), RlpWriter.encodeBytes(new byte[5])),
        "child reference of 5 bytes");
    assertRefused(new byte[] {(byte) 0xc2, (byte) 0x81}, "state[0] is not a trie node: RLP");
  }

  @Test
  void legacyEmptyNodeIsAccepted() {
    final StateNodes nodes = StateNodes.index(List.of(ImmutableBytes.of(new byte[] {(byte) 0x80})));
    assertThat(nodes.contains(StateNodes.EMPTY_TRIE_ROOT)).isTrue();
  }

  private static void assertRefused(final byte[] node, final String reason) {
    assertThatThrownBy(() -> StateNodes.index(List.of(ImmutableBytes.of(node))))
        .isInstanceOf(WitnessCheckFailure.class)
        .hasMessageContaining(reason);
  }

  private static byte[] leaf(final byte[] nibbles, final byte[] value) {
    return RlpWriter.encodeList(
        RlpWriter.encodeBytes(hexPrefix(nibbles, true)), RlpWriter.encodeBytes(value));
  }

  private static byte[] hexPrefix(final byte[] nibbles, final boolean leaf) {
    final boolean odd = nibbles.length % 2 == 1;
    final byte[] out = new byte[nibbles.length / 2 + 1];
    out[0] = (byte) (((leaf ? 2 : 0) + (odd ? 1 : 0)) << 4);
    int at = 0;
    if (odd) {
      out[0] |= nibbles[at++];
    }
    for (int i = 1; i < out.length; i++) {
      out[i] = (byte) ((nibbles[at] << 4) | nibbles[at + 1]);
      at += 2;
    }
    return out;
  }

  private static byte[] firstKeyWithFirstNibble(final int nibble) {
    final byte[] key = new byte[32];
    key[0] = (byte) (nibble << 4);
    return key;
  }
}

package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.bytes.Bytes32;

/** The outcome of looking one key up in a partial trie. */
sealed interface TrieLookup {

  TrieLookup ABSENT = new Absent();

  /** The key is in the trie with this value (the leaf's RLP value bytes). */
  record Found(byte[] value) implements TrieLookup {}

  /** The nodes prove that the key is not in the trie. */
  record Absent() implements TrieLookup {}

  /** The walk needed a node the witness does not hold, {@code depth} nibbles below the root. */
  record Missing(Bytes32 node, int depth) implements TrieLookup {}
}

package io.zkstateless.common.model.rlp;

/**
 * A decoded RLP value: either a byte string or a list of items. The tree is convenient for small
 * structures such as trie nodes and headers; it costs an object per item (tens of bytes for a
 * two-byte item), so walk large inputs such as whole blocks with {@link RlpReader} instead.
 */
public sealed interface RlpItem permits RlpBytes, RlpList {

  boolean isList();

  /** This item in canonical RLP. Decoding only accepts canonical input, so this is the input. */
  default byte[] encode() {
    return RlpWriter.encode(this);
  }

  /** Decodes exactly one canonical item filling all of {@code encoded}. */
  static RlpItem decode(final byte[] encoded) {
    final RlpReader reader = RlpReader.of(encoded);
    final RlpItem item = reader.readItem();
    reader.finish();
    return item;
  }
}

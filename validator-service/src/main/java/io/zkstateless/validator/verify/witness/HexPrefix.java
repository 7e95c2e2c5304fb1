package io.zkstateless.validator.verify.witness;

/**
 * Hex-prefix encoding of a trie path (Yellow Paper appendix C): the first nibble says leaf (2, 3)
 * or extension (0, 1) and odd (1, 3) or even (0, 2) length; an odd path's first nibble shares that
 * byte, an even path is preceded by a zero nibble.
 *
 * @param leaf whether the node is a leaf
 * @param nibbles the path, one nibble (0-15) per byte
 */
record HexPrefix(boolean leaf, byte[] nibbles) {

  /** Decodes a compact path, strictly: flags above 3 and a non-zero padding nibble are refused. */
  static HexPrefix decode(final byte[] encoded) {
    if (encoded.length == 0) {
      throw new WitnessCheckFailure("trie node path is empty, not hex-prefix encoded");
    }
    final int flags = (encoded[0] & 0xff) >>> 4;
    if (flags > 3) {
      throw new WitnessCheckFailure("trie node path has hex-prefix flag " + flags + " > 3");
    }
    final boolean odd = (flags & 1) == 1;
    if (!odd && (encoded[0] & 0x0f) != 0) {
      throw new WitnessCheckFailure("trie node path has a non-zero padding nibble");
    }
    final byte[] nibbles = new byte[(encoded.length - 1) * 2 + (odd ? 1 : 0)];
    int at = 0;
    if (odd) {
      nibbles[at++] = (byte) (encoded[0] & 0x0f);
    }
    for (int i = 1; i < encoded.length; i++) {
      nibbles[at++] = (byte) ((encoded[i] & 0xff) >>> 4);
      nibbles[at++] = (byte) (encoded[i] & 0x0f);
    }
    return new HexPrefix(flags >= 2, nibbles);
  }

  /** The 2n nibbles of {@code bytes}, high nibble first: the trie path of a hashed key. */
  static byte[] nibblesOf(final byte[] bytes) {
    final byte[] nibbles = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      nibbles[2 * i] = (byte) ((bytes[i] & 0xff) >>> 4);
      nibbles[2 * i + 1] = (byte) (bytes[i] & 0x0f);
    }
    return nibbles;
  }
}

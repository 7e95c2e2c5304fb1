package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.ImmutableBytes;

/**
 * The exact byte range {@code [start, end)} that holds one SSZ value, plus its path for error
 * messages. SSZ values are not self-delimiting: the enclosing type decides each range, and the
 * value's decoder must consume all of it.
 */
public final class SszInput {

  private final byte[] bytes;
  private final int start;
  private final int end;
  private final SszPath path;

  private SszInput(final byte[] bytes, final int start, final int end, final SszPath path) {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.path = path;
  }

  /** The whole array as one value of the named type. */
  public static SszInput of(final byte[] bytes, final String typeName) {
    return new SszInput(bytes, 0, bytes.length, SszPath.root(typeName));
  }

  /** A sub-range, relative to this input, holding a child value at {@code childPath}. */
  public SszInput slice(final int relativeFrom, final int relativeTo, final SszPath childPath) {
    if (relativeFrom < 0 || relativeTo < relativeFrom || relativeTo > length()) {
      // Callers validate offsets first; reaching this is a bug in a schema, not bad input.
      throw new IllegalStateException(
          "slice [" + relativeFrom + "," + relativeTo + ") outside " + length() + " at " + path);
    }
    return new SszInput(bytes, start + relativeFrom, start + relativeTo, childPath);
  }

  public int length() {
    return end - start;
  }

  public SszPath path() {
    return path;
  }

  /** Byte at a position relative to this input. */
  public int unsignedByte(final int relative) {
    return bytes[start + relative] & 0xff;
  }

  /** Little-endian unsigned integer of {@code size} (1..8) bytes at a relative position. */
  public long littleEndian(final int relative, final int size) {
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = (value << 8) | (bytes[start + relative + i] & 0xffL);
    }
    return value;
  }

  /** Copies {@code length} bytes at a relative position; the caller has bounded {@code length}. */
  public byte[] copy(final int relative, final int length) {
    final byte[] out = new byte[length];
    System.arraycopy(bytes, start + relative, out, 0, length);
    return out;
  }

  /** Copies {@code length} bytes at a relative position into an immutable value. */
  public ImmutableBytes copyBytes(final int relative, final int length) {
    return ImmutableBytes.copyOf(bytes, start + relative, length);
  }

  /** A decode error at a position relative to this input. */
  public SszDecodeException error(final int relative, final String problem) {
    return new SszDecodeException((long) start + relative, path.toString(), problem);
  }

  /** A decode error caused by a value-level rule that rejected the decoded fields. */
  public SszDecodeException error(final int relative, final String problem, final Throwable cause) {
    return new SszDecodeException((long) start + relative, path.toString(), problem, cause);
  }

  /** Fails unless the input is exactly {@code expected} bytes long. */
  public void requireLength(final int expected, final String typeName) {
    if (length() != expected) {
      throw error(0, typeName + " needs exactly " + expected + " bytes, got " + length());
    }
  }
}

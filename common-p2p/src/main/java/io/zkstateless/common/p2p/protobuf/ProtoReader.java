package io.zkstateless.common.p2p.protobuf;

import io.zkstateless.common.p2p.P2pProtocolException;
import java.util.Arrays;

/**
 * A bounded reader for the few small protobuf messages libp2p exchanges (keys, the Noise payload,
 * identify, gossipsub RPCs). Every length is checked against the remaining input and a caller limit
 * before anything is copied; unknown fields are skipped, as protobuf requires (js-libp2p sends
 * Noise extensions we do not use).
 */
public final class ProtoReader {

  public static final int WIRE_VARINT = 0;
  public static final int WIRE_FIXED64 = 1;
  public static final int WIRE_LEN = 2;
  public static final int WIRE_FIXED32 = 5;

  private final byte[] in;
  private final int end;
  private final String format;
  private int pos;
  private int wireType = -1;

  public ProtoReader(final byte[] in, final String format) {
    this(in, 0, in.length, format);
  }

  private ProtoReader(final byte[] in, final int start, final int end, final String format) {
    this.in = in;
    this.pos = start;
    this.end = end;
    this.format = format;
  }

  /** The next field number, or -1 at the end of the message. */
  public int nextField() {
    if (pos >= end) {
      return -1;
    }
    final long key = readRawVarint();
    final int field = (int) (key >>> 3);
    wireType = (int) (key & 7);
    if (field <= 0 || key >>> 3 > 0x1FFFFFFFL) {
      throw error("invalid field number " + (key >>> 3));
    }
    if (wireType != WIRE_VARINT
        && wireType != WIRE_FIXED64
        && wireType != WIRE_LEN
        && wireType != WIRE_FIXED32) {
      throw error("unsupported wire type " + wireType + " for field " + field);
    }
    return field;
  }

  public int wireType() {
    return wireType;
  }

  public long readVarint() {
    expect(WIRE_VARINT);
    return readRawVarint();
  }

  /** A length-delimited field of at most {@code maxLength} bytes. */
  public byte[] readBytes(final int maxLength) {
    expect(WIRE_LEN);
    final int length = readLength(maxLength);
    final byte[] out = Arrays.copyOfRange(in, pos, pos + length);
    pos += length;
    return out;
  }

  /** A length-delimited field read as a nested message, without copying. */
  public ProtoReader readMessage(final int maxLength) {
    expect(WIRE_LEN);
    final int length = readLength(maxLength);
    final ProtoReader nested = new ProtoReader(in, pos, pos + length, format);
    pos += length;
    return nested;
  }

  /** Skips the value of the current field, whatever its wire type. */
  public void skip() {
    switch (wireType) {
      case WIRE_VARINT -> readRawVarint();
      case WIRE_FIXED64 -> advance(8);
      case WIRE_FIXED32 -> advance(4);
      case WIRE_LEN -> advance(readLength(end - pos));
      default -> throw error("no field to skip");
    }
  }

  public int position() {
    return pos;
  }

  public P2pProtocolException error(final String problem) {
    return new P2pProtocolException(format, pos, problem);
  }

  private int readLength(final int maxLength) {
    final long length = readRawVarint();
    // A 10-byte varint can set the sign bit: as an unsigned length it is far beyond any input.
    if (length < 0 || length > end - pos) {
      throw error("field length " + length + " exceeds the " + (end - pos) + " bytes left");
    }
    if (length > maxLength) {
      throw error("field length " + length + " exceeds the limit " + maxLength);
    }
    return (int) length;
  }

  private void advance(final int count) {
    if (count > end - pos) {
      throw error("field needs " + count + " bytes, " + (end - pos) + " left");
    }
    pos += count;
  }

  private void expect(final int expected) {
    if (wireType != expected) {
      throw error("wire type " + wireType + " where " + expected + " was expected");
    }
  }

  private long readRawVarint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw error("truncated varint");
      }
      final int b = in[pos++] & 0xFF;
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw error("varint longer than 10 bytes");
  }
}

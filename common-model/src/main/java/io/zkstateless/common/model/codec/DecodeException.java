package io.zkstateless.common.model.codec;

/**
 * The only exception a decoder of untrusted bytes throws. The message says what was wrong and at
 * which byte offset of the input, so a rejected gossip message or Kafka record can be logged and
 * counted without a stack trace. Subclasses name the format (SSZ, snappy, RLP).
 */
public class DecodeException extends RuntimeException {

  private final long offset;

  public DecodeException(final String format, final long offset, final String problem) {
    super(format + " decode error at offset " + offset + ": " + problem);
    this.offset = offset;
  }

  public DecodeException(
      final String format, final long offset, final String problem, final Throwable cause) {
    super(format + " decode error at offset " + offset + ": " + problem, cause);
    this.offset = offset;
  }

  /** Byte offset in the input where the problem was found. */
  public long offset() {
    return offset;
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.snappy.SnappyFramed;
import io.zkstateless.common.model.snappy.SnappyFramedDecoder;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.encoding.Uvarint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The eth2 {@code ssz_snappy} req/resp encoding: request = {@code uvarint(ssz_length) ‖
 * framed_snappy(ssz)}, response chunk = {@code result ‖ uvarint(ssz_length) ‖ framed_snappy(ssz)}.
 * Status, Ping, MetaData and Goodbye carry no context bytes and exactly one chunk, so a whole
 * stream's bytes are decoded at once.
 *
 * <p>The declared length is checked against the message type's largest SSZ size before anything is
 * allocated, the framed bytes must decode to exactly that many bytes, and nothing may follow them.
 * Only {@link P2pProtocolException} escapes.
 */
public final class ReqRespCodec {

  private static final String FORMAT = "eth2 req/resp";

  private ReqRespCodec() {}

  /**
   * Largest number of wire bytes a single request or chunk for {@code maxSszSize} bytes may take:
   * result byte, uvarint and {@code max_compressed_len} of the framed stream. Readers buffer no
   * more than this.
   */
  public static int maxWireSize(final int maxSszSize) {
    final long framed = 32L + maxSszSize + maxSszSize / 6 + 10L; // stream identifier + headers
    final long chunkHeaders = 8L * (maxSszSize / SnappyFramed.MAX_CHUNK_DATA + 1);
    return (int) Math.min(Integer.MAX_VALUE, 1 + Uvarint.MAX_BYTES + framed + chunkHeaders);
  }

  public static byte[] encodeRequest(final byte[] ssz) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    Uvarint.write(ssz.length, out);
    out.writeBytes(SnappyFramed.compress(ssz));
    return out.toByteArray();
  }

  public static byte[] encodeResponse(final int resultCode, final byte[] ssz) {
    if (resultCode < 0 || resultCode > 255) {
      throw new IllegalArgumentException("result code must fit in a byte: " + resultCode);
    }
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(resultCode);
    Uvarint.write(ssz.length, out);
    out.writeBytes(SnappyFramed.compress(ssz));
    return out.toByteArray();
  }

  /** An error chunk; the message is cut to the 256 bytes an {@code ErrorMessage} may hold. */
  public static byte[] encodeError(final int resultCode, final String message) {
    if (resultCode == ResponseChunk.SUCCESS) {
      throw new IllegalArgumentException("an error chunk needs a non-zero result code");
    }
    final byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
    final byte[] bounded = new byte[Math.min(utf8.length, ResponseChunk.MAX_ERROR_MESSAGE_SIZE)];
    System.arraycopy(utf8, 0, bounded, 0, bounded.length);
    return encodeResponse(resultCode, bounded);
  }

  /** Decodes a complete request whose SSZ form is at most {@code maxSszSize} bytes. */
  public static byte[] decodeRequest(final byte[] wire, final int maxSszSize) {
    return decodePayload(wire, 0, maxSszSize);
  }

  /**
   * Decodes a complete single-chunk response. A success chunk may hold up to {@code maxSszSize}
   * bytes, an error chunk up to 256; result codes 4-127 are reserved and refused.
   */
  public static ResponseChunk decodeResponse(final byte[] wire, final int maxSszSize) {
    if (wire.length == 0) {
      throw new P2pProtocolException(FORMAT, 0, "response ended before its result byte");
    }
    final int resultCode = wire[0] & 0xFF;
    if (resultCode > ResponseChunk.RESOURCE_UNAVAILABLE && resultCode < 128) {
      throw new P2pProtocolException(FORMAT, 0, "reserved result code " + resultCode);
    }
    final int limit =
        resultCode == ResponseChunk.SUCCESS ? maxSszSize : ResponseChunk.MAX_ERROR_MESSAGE_SIZE;
    return new ResponseChunk(resultCode, decodePayload(wire, 1, limit));
  }

  private static byte[] decodePayload(final byte[] wire, final int start, final int maxSszSize) {
    final Uvarint.Decoded length = Uvarint.decode(wire, start, FORMAT);
    if (length == null) {
      throw new P2pProtocolException(FORMAT, start, "input ended inside the length prefix");
    }
    if (length.value() > maxSszSize) {
      throw new P2pProtocolException(
          FORMAT,
          start,
          "declared SSZ length " + length.value() + " exceeds the type's maximum " + maxSszSize);
    }
    final int framedStart = start + length.length();
    try {
      final SnappyFramedDecoder decoder =
          SnappyFramedDecoder.expecting((int) length.value(), maxSszSize);
      final int consumed = decoder.feed(wire, framedStart, wire.length - framedStart);
      decoder.finish();
      if (framedStart + consumed != wire.length) {
        throw new P2pProtocolException(
            FORMAT, framedStart + consumed, "bytes after the declared payload");
      }
      return decoder.result();
    } catch (final P2pProtocolException e) {
      throw e;
    } catch (final DecodeException e) {
      throw new P2pProtocolException(
          FORMAT, framedStart + e.offset(), "bad framed snappy: " + e.getMessage(), e);
    }
  }
}

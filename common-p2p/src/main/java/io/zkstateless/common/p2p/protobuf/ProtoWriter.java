package io.zkstateless.common.p2p.protobuf;

import io.zkstateless.common.p2p.encoding.Uvarint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes protobuf fields in the order they are called. libp2p signs and hashes some encodings
 * (public keys become peer ids), so callers write fields in tag order to stay deterministic.
 */
public final class ProtoWriter {

  private final ByteArrayOutputStream out;

  public ProtoWriter() {
    this(32);
  }

  /** A writer for about {@code expectedBytes}, so large messages are not copied while growing. */
  public ProtoWriter(final int expectedBytes) {
    this.out = new ByteArrayOutputStream(expectedBytes);
  }

  public ProtoWriter varint(final int field, final long value) {
    Uvarint.write((long) field << 3 | ProtoReader.WIRE_VARINT, out);
    Uvarint.write(value, out);
    return this;
  }

  public ProtoWriter bytes(final int field, final byte[] value) {
    Uvarint.write((long) field << 3 | ProtoReader.WIRE_LEN, out);
    Uvarint.write(value.length, out);
    out.writeBytes(value);
    return this;
  }

  /** Writes {@code nested} as a length-delimited field, without an intermediate array. */
  public ProtoWriter message(final int field, final ProtoWriter nested) {
    Uvarint.write((long) field << 3 | ProtoReader.WIRE_LEN, out);
    Uvarint.write(nested.out.size(), out);
    try {
      nested.out.writeTo(out);
    } catch (final IOException e) {
      throw new UncheckedIOException("a ByteArrayOutputStream cannot fail", e);
    }
    return this;
  }

  public ProtoWriter string(final int field, final String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }
}

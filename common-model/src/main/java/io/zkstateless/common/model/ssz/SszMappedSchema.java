package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.function.Function;

/**
 * A schema whose values are a domain type carried on the wire as another SSZ type, e.g. a subnet id
 * carried as {@code uint64}. Encoding and the root are those of the wire type; decoding applies
 * {@code fromWire}, and an {@link IllegalArgumentException} from it (a range rule) becomes an
 * {@link SszDecodeException} at the field's own offset and path.
 */
public final class SszMappedSchema<W, T> implements SszSchema<T> {

  private final SszSchema<W> wire;
  private final Function<W, T> fromWire;
  private final Function<T, W> toWire;

  public SszMappedSchema(
      final SszSchema<W> wire, final Function<W, T> fromWire, final Function<T, W> toWire) {
    this.wire = wire;
    this.fromWire = fromWire;
    this.toWire = toWire;
  }

  @Override
  public String typeName() {
    return wire.typeName();
  }

  @Override
  public boolean isFixedSize() {
    return wire.isFixedSize();
  }

  @Override
  public int fixedSize() {
    return wire.fixedSize();
  }

  @Override
  public long minSize() {
    return wire.minSize();
  }

  @Override
  public long maxSize() {
    return wire.maxSize();
  }

  @Override
  public boolean isBasic() {
    return wire.isBasic();
  }

  @Override
  public int encodedSize(final T value) {
    return wire.encodedSize(toWire.apply(value));
  }

  @Override
  public void encodeInto(final T value, final byte[] out, final int offset) {
    wire.encodeInto(toWire.apply(value), out, offset);
  }

  @Override
  public T decode(final SszInput input) {
    final W decoded = wire.decode(input);
    try {
      return fromWire.apply(decoded);
    } catch (final IllegalArgumentException e) {
      throw input.error(0, e.getMessage(), e);
    }
  }

  @Override
  public Bytes32 hashTreeRoot(final T value) {
    return wire.hashTreeRoot(toWire.apply(value));
  }

  @Override
  public String toString() {
    return typeName();
  }
}

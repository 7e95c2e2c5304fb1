package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.List;

/**
 * {@code List[T, limit]}: up to {@code limit} elements, as an unmodifiable {@link List}. The
 * element count implied by the input length (or by the first offset) is checked against the limit
 * before any element is decoded.
 */
public final class SszListSchema<E> implements VariableSizeSchema<List<E>> {

  private final SszSchema<E> element;
  private final long limit;

  public SszListSchema(final SszSchema<E> element, final long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("List limit must not be negative: " + limit);
    }
    this.element = element;
    this.limit = limit;
  }

  public SszSchema<E> element() {
    return element;
  }

  public long limit() {
    return limit;
  }

  @Override
  public String typeName() {
    return "List[" + element.typeName() + ", " + limit + "]";
  }

  @Override
  public long maxSize() {
    final long perElement =
        element.isFixedSize() ? element.fixedSize() : SszOffsets.OFFSET_SIZE + element.maxSize();
    return saturatingMultiply(limit, perElement);
  }

  @Override
  public int encodedSize(final List<E> value) {
    return SszElements.encodedSize(element, value);
  }

  @Override
  public void encodeInto(final List<E> value, final byte[] out, final int offset) {
    checkLimit(value);
    SszElements.encode(element, value, out, offset);
  }

  @Override
  public List<E> decode(final SszInput input) {
    return SszElements.decode(element, input, -1, limit, typeName());
  }

  @Override
  public Bytes32 hashTreeRoot(final List<E> value) {
    checkLimit(value);
    return Merkleizer.mixInLength(SszElements.root(element, value, limit), value.size());
  }

  private void checkLimit(final List<E> value) {
    if (value.size() > limit) {
      throw new IllegalArgumentException(
          typeName() + " holds at most " + limit + " elements, got " + value.size());
    }
  }

  private static long saturatingMultiply(final long a, final long b) {
    final long high = Math.multiplyHigh(a, b);
    return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
  }

  @Override
  public String toString() {
    return typeName();
  }
}

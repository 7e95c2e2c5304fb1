package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.List;

/** {@code Vector[T, N]}: exactly N elements, as an unmodifiable {@link List}. */
public final class SszVectorSchema<E> implements SszSchema<List<E>> {

  private final SszSchema<E> element;
  private final int length;

  public SszVectorSchema(final SszSchema<E> element, final int length) {
    if (length < 1) {
      throw new IllegalArgumentException("Vector length must be positive: " + length);
    }
    this.element = element;
    this.length = length;
  }

  public SszSchema<E> element() {
    return element;
  }

  public int length() {
    return length;
  }

  @Override
  public String typeName() {
    return "Vector[" + element.typeName() + ", " + length + "]";
  }

  @Override
  public boolean isFixedSize() {
    return element.isFixedSize();
  }

  @Override
  public int fixedSize() {
    if (!isFixedSize()) {
      throw new UnsupportedOperationException(typeName() + " is variable-size");
    }
    return Math.multiplyExact(element.fixedSize(), length);
  }

  @Override
  public long minSize() {
    return element.isFixedSize()
        ? fixedSize()
        : length * (SszOffsets.OFFSET_SIZE + element.minSize());
  }

  @Override
  public long maxSize() {
    return element.isFixedSize()
        ? fixedSize()
        : length * (SszOffsets.OFFSET_SIZE + element.maxSize());
  }

  @Override
  public int encodedSize(final List<E> value) {
    return SszElements.encodedSize(element, value);
  }

  @Override
  public void encodeInto(final List<E> value, final byte[] out, final int offset) {
    checkLength(value);
    SszElements.encode(element, value, out, offset);
  }

  @Override
  public List<E> decode(final SszInput input) {
    return SszElements.decode(element, input, length, length, typeName());
  }

  @Override
  public Bytes32 hashTreeRoot(final List<E> value) {
    checkLength(value);
    return SszElements.root(element, value, length);
  }

  private void checkLength(final List<E> value) {
    if (value.size() != length) {
      throw new IllegalArgumentException(
          typeName() + " needs " + length + " elements, got " + value.size());
    }
  }

  @Override
  public String toString() {
    return typeName();
  }
}

package io.zkstateless.common.model.ssz;

/** Base of schemas whose values all encode to the same number of bytes. */
public abstract class FixedSizeSchema<T> implements SszSchema<T> {

  private final int size;

  protected FixedSizeSchema(final int size) {
    this.size = size;
  }

  @Override
  public final boolean isFixedSize() {
    return true;
  }

  @Override
  public final int fixedSize() {
    return size;
  }

  @Override
  public final long minSize() {
    return size;
  }

  @Override
  public final long maxSize() {
    return size;
  }

  @Override
  public final int encodedSize(final T value) {
    return size;
  }

  @Override
  public final T decode(final SszInput input) {
    input.requireLength(size, typeName());
    return decodeFixed(input);
  }

  /** Decodes an input already checked to be exactly {@link #fixedSize()} bytes. */
  protected abstract T decodeFixed(SszInput input);

  @Override
  public String toString() {
    return typeName();
  }
}

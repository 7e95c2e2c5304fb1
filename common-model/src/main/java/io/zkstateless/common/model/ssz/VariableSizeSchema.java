package io.zkstateless.common.model.ssz;

/**
 * Schemas whose encodings differ in length (lists, byte lists, bitlists): they sit behind an
 * offset in a container. Their empty-ish minimum is zero unless they say otherwise.
 */
public interface VariableSizeSchema<T> extends SszSchema<T> {

  @Override
  default boolean isFixedSize() {
    return false;
  }

  @Override
  default int fixedSize() {
    throw new UnsupportedOperationException(typeName() + " is variable-size");
  }

  @Override
  default long minSize() {
    return 0;
  }
}

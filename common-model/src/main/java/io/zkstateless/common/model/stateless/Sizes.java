package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.Objects;

/** Size checks shared by the value constructors; a violation is a programming error upstream. */
final class Sizes {

  private Sizes() {}

  static void requireSize(final String what, final ImmutableBytes value, final int size) {
    Objects.requireNonNull(value, what);
    if (value.size() != size) {
      throw new IllegalArgumentException(what + " must be " + size + " bytes, got " + value.size());
    }
  }

  static void requireAtMost(final String what, final ImmutableBytes value, final int max) {
    Objects.requireNonNull(value, what);
    if (value.size() > max) {
      throw new IllegalArgumentException(
          what + " must be at most " + max + " bytes, got " + value.size());
    }
  }
}

package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.Arrays;

/**
 * The {@code active_fields} configuration of an EIP-7495 progressive container: which merkle leaf
 * positions hold a field (1) and which stay zero (0). Legal configurations are non-empty, at most
 * 256 entries long and end in 1 (consensus-specs {@code ssz/simple-serialize.md}, "Illegal types").
 * The packed bits are mixed into the root, so the same fields at other positions give another root
 * on purpose: that is what keeps a field's generalized index stable across forks.
 */
public final class ActiveFields {

  public static final int MAX_ENTRIES = 256;

  private final boolean[] bits;
  private final int activeCount;

  private ActiveFields(final boolean[] bits) {
    this.bits = bits;
    int count = 0;
    for (final boolean bit : bits) {
      count += bit ? 1 : 0;
    }
    this.activeCount = count;
  }

  /** The first {@code fieldCount} positions active: a container that never dropped a field. */
  public static ActiveFields allActive(final int fieldCount) {
    final boolean[] bits = new boolean[fieldCount];
    Arrays.fill(bits, true);
    return validated(bits);
  }

  /** From 0/1 entries, e.g. {@code of(1, 0, 1)}. */
  public static ActiveFields of(final int... entries) {
    final boolean[] bits = new boolean[entries.length];
    for (int i = 0; i < entries.length; i++) {
      if (entries[i] != 0 && entries[i] != 1) {
        throw new IllegalArgumentException("active_fields entry " + i + " is " + entries[i]);
      }
      bits[i] = entries[i] == 1;
    }
    return validated(bits);
  }

  private static ActiveFields validated(final boolean[] bits) {
    if (bits.length == 0) {
      throw new IllegalArgumentException("active_fields must not be empty");
    }
    if (bits.length > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "active_fields has " + bits.length + " entries, at most " + MAX_ENTRIES);
    }
    if (!bits[bits.length - 1]) {
      throw new IllegalArgumentException("active_fields must end in 1");
    }
    return new ActiveFields(bits);
  }

  /** Number of leaf positions, active or not. */
  public int size() {
    return bits.length;
  }

  /** Number of active positions: the number of fields the container declares. */
  public int activeCount() {
    return activeCount;
  }

  public boolean isActive(final int position) {
    return bits[position];
  }

  /** {@code pack_bits(active_fields)}: bit i at byte i/8, bit i%8, zero-padded to one chunk. */
  public Bytes32 packed() {
    final byte[] chunk = new byte[Bytes32.SIZE];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        chunk[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return Bytes32.wrap(chunk);
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof ActiveFields that && Arrays.equals(bits, that.bits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    final StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < bits.length; i++) {
      text.append(i == 0 ? "" : ",").append(bits[i] ? 1 : 0);
    }
    return text.append(']').toString();
  }
}

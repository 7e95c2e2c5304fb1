package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encoding, strict decoding and merkleization of a homogeneous element sequence, shared by {@code
 * Vector[T, N]} and {@code List[T, limit]}: they differ only in whether the count is fixed and
 * whether the length is mixed into the root.
 */
final class SszElements {

  private SszElements() {}

  static <E> int encodedSize(final SszSchema<E> element, final List<E> values) {
    if (element.isFixedSize()) {
      return Math.multiplyExact(element.fixedSize(), values.size());
    }
    int size = Math.multiplyExact(SszOffsets.OFFSET_SIZE, values.size());
    for (final E value : values) {
      size = Math.addExact(size, element.encodedSize(value));
    }
    return size;
  }

  static <E> void encode(
      final SszSchema<E> element, final List<E> values, final byte[] out, final int offset) {
    if (element.isFixedSize()) {
      final int size = element.fixedSize();
      for (int i = 0; i < values.size(); i++) {
        element.encodeInto(values.get(i), out, offset + i * size);
      }
      return;
    }
    int variable = SszOffsets.OFFSET_SIZE * values.size();
    for (int i = 0; i < values.size(); i++) {
      SszOffsets.write(variable, out, offset + i * SszOffsets.OFFSET_SIZE);
      element.encodeInto(values.get(i), out, offset + variable);
      variable += element.encodedSize(values.get(i));
    }
  }

  /**
   * Decodes all of {@code input} as elements.
   *
   * @param exactCount the vector length, or -1 for a list
   * @param limit the list limit (equal to {@code exactCount} for a vector)
   */
  static <E> List<E> decode(
      final SszSchema<E> element,
      final SszInput input,
      final int exactCount,
      final long limit,
      final String typeName) {
    return element.isFixedSize()
        ? decodeFixed(element, input, exactCount, limit, typeName)
        : decodeVariable(element, input, exactCount, limit, typeName);
  }

  private static <E> List<E> decodeFixed(
      final SszSchema<E> element,
      final SszInput input,
      final int exactCount,
      final long limit,
      final String typeName) {
    final int size = element.fixedSize();
    final int length = input.length();
    if (length % size != 0) {
      throw input.error(
          0,
          "length "
              + length
              + " is not a multiple of the "
              + size
              + "-byte element of "
              + typeName);
    }
    final int count = length / size;
    checkCount(input, count, exactCount, limit, typeName);
    final List<E> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(element.decode(input.slice(i * size, (i + 1) * size, input.path().element(i))));
    }
    return Collections.unmodifiableList(values);
  }

  private static <E> List<E> decodeVariable(
      final SszSchema<E> element,
      final SszInput input,
      final int exactCount,
      final long limit,
      final String typeName) {
    final int length = input.length();
    if (length == 0) {
      checkCount(input, 0, exactCount, limit, typeName);
      return List.of();
    }
    if (length < SszOffsets.OFFSET_SIZE) {
      throw input.error(0, "length " + length + " is too short for the first offset");
    }
    final long first = input.littleEndian(0, SszOffsets.OFFSET_SIZE);
    if (first == 0 || first % SszOffsets.OFFSET_SIZE != 0 || first > length) {
      throw input.error(0, "first offset " + first + " is not a valid offset-table size");
    }
    final int count = (int) (first / SszOffsets.OFFSET_SIZE);
    checkCount(input, count, exactCount, limit, typeName);
    final List<E> values = new ArrayList<>(count);
    int start = (int) first;
    for (int i = 0; i < count; i++) {
      final int end =
          i + 1 < count
              ? SszOffsets.read(
                  input, (i + 1) * SszOffsets.OFFSET_SIZE, start, "element " + (i + 1))
              : length;
      values.add(element.decode(input.slice(start, end, input.path().element(i))));
      start = end;
    }
    return Collections.unmodifiableList(values);
  }

  private static void checkCount(
      final SszInput input,
      final long count,
      final int exactCount,
      final long limit,
      final String typeName) {
    if (exactCount >= 0 && count != exactCount) {
      throw input.error(0, typeName + " needs " + exactCount + " elements, got " + count);
    }
    if (count > limit) {
      throw input.error(0, count + " elements exceed the limit " + limit + " of " + typeName);
    }
  }

  /** Root of the elements, merkleized for {@code limit} elements (without any length mix-in). */
  static <E> Bytes32 root(final SszSchema<E> element, final List<E> values, final long limit) {
    if (element.isBasic()) {
      final byte[] packed = new byte[encodedSize(element, values)];
      encode(element, values, packed, 0);
      final long chunkLimit = Merkleizer.chunkCount(limit * element.fixedSize());
      return Merkleizer.merkleize(packed, packed.length, chunkLimit);
    }
    final byte[] roots = new byte[Math.multiplyExact(values.size(), Merkleizer.CHUNK_SIZE)];
    for (int i = 0; i < values.size(); i++) {
      element.hashTreeRoot(values.get(i)).copyTo(roots, i * Merkleizer.CHUNK_SIZE);
    }
    return Merkleizer.merkleize(roots, roots.length, limit);
  }
}

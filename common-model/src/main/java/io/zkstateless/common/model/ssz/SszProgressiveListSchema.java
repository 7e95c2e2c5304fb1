package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.List;

/**
 * {@code ProgressiveList[T]} (EIP-7916): serialized exactly like {@code List[T, N]}, but without a
 * limit, and merkleized progressively so a short list costs few hashes and an element keeps its
 * generalized index however long the list grows. Without a type limit, the decoder is bounded by
 * its input: the element count comes from the input length or the first offset, never more than the
 * bytes present.
 */
public final class SszProgressiveListSchema<E> implements VariableSizeSchema<List<E>> {

  /** Counts are Java ints; the input length bounds them long before this. */
  private static final long COUNT_BOUND = Integer.MAX_VALUE;

  private final SszSchema<E> element;

  public SszProgressiveListSchema(final SszSchema<E> element) {
    this.element = element;
  }

  public SszSchema<E> element() {
    return element;
  }

  @Override
  public String typeName() {
    return "ProgressiveList[" + element.typeName() + "]";
  }

  /** Unbounded by type; transports must apply their own message limits. */
  @Override
  public long maxSize() {
    return Long.MAX_VALUE;
  }

  @Override
  public int encodedSize(final List<E> value) {
    return SszElements.encodedSize(element, value);
  }

  @Override
  public void encodeInto(final List<E> value, final byte[] out, final int offset) {
    SszElements.encode(element, value, out, offset);
  }

  @Override
  public List<E> decode(final SszInput input) {
    return SszElements.decode(element, input, -1, COUNT_BOUND, typeName());
  }

  @Override
  public Bytes32 hashTreeRoot(final List<E> value) {
    final byte[] chunks;
    if (element.isBasic()) {
      chunks = new byte[encodedSize(value)];
      SszElements.encode(element, value, chunks, 0);
    } else {
      chunks = new byte[Math.multiplyExact(value.size(), Merkleizer.CHUNK_SIZE)];
      for (int i = 0; i < value.size(); i++) {
        element.hashTreeRoot(value.get(i)).copyTo(chunks, i * Merkleizer.CHUNK_SIZE);
      }
    }
    return Merkleizer.mixInLength(
        ProgressiveMerkleizer.merkleizeProgressive(chunks, chunks.length), value.size());
  }

  @Override
  public String toString() {
    return typeName();
  }
}

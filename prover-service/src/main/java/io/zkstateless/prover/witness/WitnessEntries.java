package io.zkstateless.prover.witness;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable list of byte strings (state nodes, codes, keys or headers) stored compactly: the
 * bytes of all entries live back to back in 256 KiB chunks, and two int arrays hold each entry's
 * start and length. A witness of N bytes therefore costs about N bytes plus 8 bytes per entry, with
 * no per-entry object, which is what lets a ~300 MB witness be held once on the heap.
 *
 * <p>Chunks (rather than one growing array) avoid the transient 2x copy of array doubling; an entry
 * never straddles two chunks, so a read is one {@link System#arraycopy}. 256 KiB stays below G1's
 * humongous-object threshold (half a region, and regions are at least 1 MiB): 1 MiB chunks were
 * measured to occupy two regions each under {@code -Xmx256m}, doubling the footprint.
 */
public final class WitnessEntries {

  static final int CHUNK_BITS = 18;
  static final int CHUNK_SIZE = 1 << CHUNK_BITS;

  /** The largest single entry the storage accepts. */
  public static final int MAX_ENTRY_BYTES = CHUNK_SIZE;

  private static final WitnessEntries EMPTY =
      new WitnessEntries(new byte[0][], new int[0], new int[0], 0, 0);

  private final byte[][] chunks;
  private final int[] starts;
  private final int[] lengths;
  private final int size;
  private final long totalBytes;

  private WitnessEntries(
      final byte[][] chunks,
      final int[] starts,
      final int[] lengths,
      final int size,
      final long totalBytes) {
    this.chunks = chunks;
    this.starts = starts;
    this.lengths = lengths;
    this.size = size;
    this.totalBytes = totalBytes;
  }

  public static WitnessEntries empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a list from byte arrays (tests and small, trusted inputs). */
  public static WitnessEntries of(final List<byte[]> entries) {
    final Builder builder = builder();
    for (final byte[] entry : entries) {
      builder.append(entry);
    }
    return builder.build();
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Sum of the entry lengths. */
  public long totalBytes() {
    return totalBytes;
  }

  public int length(final int index) {
    return lengths[checkIndex(index)];
  }

  /** A copy of entry {@code index}. */
  public byte[] get(final int index) {
    checkIndex(index);
    final int start = starts[index];
    final byte[] chunk = chunks[start >>> CHUNK_BITS];
    final int offset = start & (CHUNK_SIZE - 1);
    return Arrays.copyOfRange(chunk, offset, offset + lengths[index]);
  }

  /** A read-only view of entry {@code index}, without copying. */
  public ByteBuffer view(final int index) {
    checkIndex(index);
    final int start = starts[index];
    return ByteBuffer.wrap(chunks[start >>> CHUNK_BITS], start & (CHUNK_SIZE - 1), lengths[index])
        .slice()
        .asReadOnlyBuffer();
  }

  /** All entries as copies; for small lists (headers) and tests. */
  public List<byte[]> toList() {
    final List<byte[]> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(get(i));
    }
    return list;
  }

  private int checkIndex(final int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("Entry " + index + " of " + size);
    }
    return index;
  }

  /** Appends entries chunk by chunk; not thread-safe, used by one parser. */
  public static final class Builder {

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int used;
    private int[] starts = new int[16];
    private int[] lengths = new int[16];
    private int size;
    private long totalBytes;

    private Builder() {}

    public int size() {
      return size;
    }

    public long totalBytes() {
      return totalBytes;
    }

    /** Length of the entry appended last. */
    int lastLength() {
      return lengths[size - 1];
    }

    /** Appends a copy of {@code bytes}. */
    public Builder append(final byte[] bytes) {
      final int start = reserve(bytes.length);
      System.arraycopy(bytes, 0, current, start & (CHUNK_SIZE - 1), bytes.length);
      commit(start, bytes.length);
      return this;
    }

    /**
     * Decodes {@code digitCount} hex digits (no {@code 0x}) from {@code source} straight into the
     * storage, with no intermediate String or byte array.
     *
     * @return -1 on success, else the index (from {@code offset}) of the first non-hex digit; then
     *     nothing is appended
     */
    int appendHex(final char[] source, final int offset, final int digitCount) {
      final int length = digitCount >>> 1;
      final int start = reserve(length);
      final int bad =
          HexDigits.decode(source, offset, digitCount, current, start & (CHUNK_SIZE - 1));
      if (bad >= 0) {
        return bad;
      }
      commit(start, length);
      return -1;
    }

    public WitnessEntries build() {
      if (size == 0) {
        return EMPTY;
      }
      // Trim the last chunk so an almost-empty list does not keep a whole megabyte alive.
      final byte[][] built = chunks.toArray(new byte[0][]);
      built[built.length - 1] = Arrays.copyOf(current, used);
      return new WitnessEntries(
          built, Arrays.copyOf(starts, size), Arrays.copyOf(lengths, size), size, totalBytes);
    }

    private int reserve(final int length) {
      if (length > MAX_ENTRY_BYTES) {
        throw new IllegalArgumentException(
            "Entry of " + length + " bytes exceeds " + MAX_ENTRY_BYTES);
      }
      if (current == null || CHUNK_SIZE - used < length) {
        if ((long) chunks.size() << CHUNK_BITS >= WitnessLimits.MAX_SUPPORTED_TOTAL_BYTES * 2) {
          throw new IllegalStateException("Witness storage full");
        }
        current = new byte[CHUNK_SIZE];
        chunks.add(current);
        used = 0;
      }
      return ((chunks.size() - 1) << CHUNK_BITS) | used;
    }

    private void commit(final int start, final int length) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        lengths = Arrays.copyOf(lengths, size * 2);
      }
      starts[size] = start;
      lengths[size] = length;
      size++;
      used += length;
      totalBytes += length;
    }
  }
}

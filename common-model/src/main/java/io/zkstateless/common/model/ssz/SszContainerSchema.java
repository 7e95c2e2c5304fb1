package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code Container} built from named fields and a constructor function, so a concrete container
 * is declared in a few lines:
 *
 * <pre>{@code
 * static final SszField<Foo, Long> SLOT = SszField.of("slot", SszUintSchema.UINT64, Foo::slot);
 * static final SszContainerSchema<Foo> SCHEMA =
 *     SszContainerSchema.of("Foo", List.of(SLOT, ...), v -> new Foo(v.get(SLOT), ...));
 * }</pre>
 *
 * <p>Decoding checks the offset table strictly: the first offset must equal the fixed-part size,
 * offsets never decrease and never pass the end, and nothing may trail the last field. An {@link
 * IllegalArgumentException} from the constructor function (a value-level rule such as a range) is
 * reported as an {@link SszDecodeException} at the container's offset.
 */
public final class SszContainerSchema<C> implements SszSchema<C> {

  private final String name;
  private final List<SszField<C, ?>> fields;
  private final Function<SszFieldValues<C>, C> constructor;
  private final int fixedPartSize;
  private final boolean fixedSize;

  private SszContainerSchema(
      final String name,
      final List<SszField<C, ?>> fields,
      final Function<SszFieldValues<C>, C> constructor) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("SSZ containers need at least one field: " + name);
    }
    if (fields.stream().map(SszField::name).distinct().count() != fields.size()) {
      throw new IllegalArgumentException("duplicate field name in " + name);
    }
    this.name = name;
    this.fields = List.copyOf(fields);
    this.constructor = constructor;
    int fixedPart = 0;
    boolean allFixed = true;
    for (final SszField<C, ?> field : fields) {
      allFixed &= field.schema().isFixedSize();
      fixedPart +=
          field.schema().isFixedSize() ? field.schema().fixedSize() : SszOffsets.OFFSET_SIZE;
    }
    this.fixedPartSize = fixedPart;
    this.fixedSize = allFixed;
  }

  public static <C> SszContainerSchema<C> of(
      final String name,
      final List<SszField<C, ?>> fields,
      final Function<SszFieldValues<C>, C> constructor) {
    return new SszContainerSchema<>(name, fields, constructor);
  }

  public List<SszField<C, ?>> fields() {
    return fields;
  }

  /** Size of the fixed part: fixed fields plus one 4-byte offset per variable field. */
  public int fixedPartSize() {
    return fixedPartSize;
  }

  @Override
  public String typeName() {
    return name;
  }

  @Override
  public boolean isFixedSize() {
    return fixedSize;
  }

  @Override
  public int fixedSize() {
    if (!fixedSize) {
      throw new UnsupportedOperationException(name + " is variable-size");
    }
    return fixedPartSize;
  }

  @Override
  public long minSize() {
    long size = fixedPartSize;
    for (final SszField<C, ?> field : fields) {
      size += field.schema().isFixedSize() ? 0 : field.schema().minSize();
    }
    return size;
  }

  @Override
  public long maxSize() {
    long size = fixedPartSize;
    for (final SszField<C, ?> field : fields) {
      if (!field.schema().isFixedSize()) {
        size = saturatingAdd(size, field.schema().maxSize());
      }
    }
    return size;
  }

  @Override
  public int encodedSize(final C value) {
    int size = fixedPartSize;
    for (final SszField<C, ?> field : fields) {
      if (!field.schema().isFixedSize()) {
        size = Math.addExact(size, sizeOf(field, value));
      }
    }
    return size;
  }

  @Override
  public void encodeInto(final C value, final byte[] out, final int offset) {
    int fixedAt = offset;
    int variableAt = fixedPartSize;
    for (final SszField<C, ?> field : fields) {
      if (field.schema().isFixedSize()) {
        encodeField(field, value, out, fixedAt);
        fixedAt += field.schema().fixedSize();
      } else {
        SszOffsets.write(variableAt, out, fixedAt);
        fixedAt += SszOffsets.OFFSET_SIZE;
        encodeField(field, value, out, offset + variableAt);
        variableAt += sizeOf(field, value);
      }
    }
  }

  @Override
  public C decode(final SszInput input) {
    if (input.length() < fixedPartSize) {
      throw input.error(
          0, "length " + input.length() + " is shorter than the fixed part of " + fixedPartSize);
    }
    final Object[] values = new Object[fields.size()];
    final int[] variableStarts = new int[fields.size()];
    int fixedAt = 0;
    long previousOffset = fixedPartSize;
    boolean firstVariable = true;
    for (int i = 0; i < fields.size(); i++) {
      final SszField<C, ?> field = fields.get(i);
      if (field.schema().isFixedSize()) {
        final int size = field.schema().fixedSize();
        values[i] =
            field.schema().decode(input.slice(fixedAt, fixedAt + size, childPath(input, field)));
        fixedAt += size;
        continue;
      }
      final int offset = SszOffsets.read(input, fixedAt, previousOffset, field.name());
      if (firstVariable && offset != fixedPartSize) {
        throw input.error(
            fixedAt,
            "first offset ("
                + field.name()
                + ") is "
                + offset
                + ", must equal the fixed part size "
                + fixedPartSize);
      }
      firstVariable = false;
      variableStarts[i] = offset;
      previousOffset = offset;
      fixedAt += SszOffsets.OFFSET_SIZE;
    }
    if (firstVariable && input.length() != fixedPartSize) {
      throw input.error(
          fixedPartSize, (input.length() - fixedPartSize) + " trailing bytes after " + name);
    }
    decodeVariableFields(input, values, variableStarts);
    return construct(input, values);
  }

  private void decodeVariableFields(
      final SszInput input, final Object[] values, final int[] variableStarts) {
    int pending = -1;
    for (int i = 0; i <= fields.size(); i++) {
      if (i < fields.size() && fields.get(i).schema().isFixedSize()) {
        continue;
      }
      if (pending >= 0) {
        final int end = i < fields.size() ? variableStarts[i] : input.length();
        final SszField<C, ?> field = fields.get(pending);
        values[pending] =
            field
                .schema()
                .decode(input.slice(variableStarts[pending], end, childPath(input, field)));
      }
      pending = i;
    }
  }

  private C construct(final SszInput input, final Object[] values) {
    try {
      return constructor.apply(new SszFieldValues<>(fields, values));
    } catch (final IllegalArgumentException e) {
      throw input.error(0, "invalid " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Bytes32 hashTreeRoot(final C value) {
    final byte[] roots = new byte[fields.size() * Merkleizer.CHUNK_SIZE];
    for (int i = 0; i < fields.size(); i++) {
      rootOf(fields.get(i), value).copyTo(roots, i * Merkleizer.CHUNK_SIZE);
    }
    return Merkleizer.merkleize(roots, roots.length, fields.size());
  }

  private static SszPath childPath(final SszInput input, final SszField<?, ?> field) {
    return input.path().field(field.name());
  }

  private static <C, V> int sizeOf(final SszField<C, V> field, final C container) {
    return field.schema().encodedSize(field.read(container));
  }

  private static <C, V> void encodeField(
      final SszField<C, V> field, final C container, final byte[] out, final int offset) {
    field.schema().encodeInto(field.read(container), out, offset);
  }

  private static <C, V> Bytes32 rootOf(final SszField<C, V> field, final C container) {
    return field.schema().hashTreeRoot(field.read(container));
  }

  private static long saturatingAdd(final long a, final long b) {
    final long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  @Override
  public String toString() {
    return name;
  }
}

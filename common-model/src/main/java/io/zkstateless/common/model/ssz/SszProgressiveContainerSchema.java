package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ProgressiveContainer(active_fields)} (EIP-7495): serialized exactly like a {@code
 * Container} of its fields (so encoding and strict decoding are delegated to one), merkleized
 * progressively with each field's root at its {@code active_fields} position, zero chunks at the
 * inactive positions, and the packed {@code active_fields} mixed in.
 */
public final class SszProgressiveContainerSchema<C> implements SszSchema<C> {

  private final SszContainerSchema<C> layout;
  private final ActiveFields activeFields;

  private SszProgressiveContainerSchema(
      final SszContainerSchema<C> layout, final ActiveFields activeFields) {
    if (activeFields.activeCount() != layout.fields().size()) {
      throw new IllegalArgumentException(
          layout.typeName()
              + " declares "
              + layout.fields().size()
              + " fields but active_fields "
              + activeFields
              + " has "
              + activeFields.activeCount()
              + " ones");
    }
    this.layout = layout;
    this.activeFields = activeFields;
  }

  public static <C> SszProgressiveContainerSchema<C> of(
      final String name,
      final ActiveFields activeFields,
      final List<SszField<C, ?>> fields,
      final Function<SszFieldValues<C>, C> constructor) {
    return new SszProgressiveContainerSchema<>(
        SszContainerSchema.of(name, fields, constructor), activeFields);
  }

  public ActiveFields activeFields() {
    return activeFields;
  }

  public List<SszField<C, ?>> fields() {
    return layout.fields();
  }

  /** Size of the fixed part, identical to the plain container's. */
  public int fixedPartSize() {
    return layout.fixedPartSize();
  }

  @Override
  public String typeName() {
    return layout.typeName();
  }

  @Override
  public boolean isFixedSize() {
    return layout.isFixedSize();
  }

  @Override
  public int fixedSize() {
    return layout.fixedSize();
  }

  @Override
  public long minSize() {
    return layout.minSize();
  }

  @Override
  public long maxSize() {
    return layout.maxSize();
  }

  @Override
  public int encodedSize(final C value) {
    return layout.encodedSize(value);
  }

  @Override
  public void encodeInto(final C value, final byte[] out, final int offset) {
    layout.encodeInto(value, out, offset);
  }

  @Override
  public C decode(final SszInput input) {
    return layout.decode(input);
  }

  @Override
  public Bytes32 hashTreeRoot(final C value) {
    final byte[] chunks = new byte[activeFields.size() * Merkleizer.CHUNK_SIZE];
    int field = 0;
    for (int position = 0; position < activeFields.size(); position++) {
      if (activeFields.isActive(position)) {
        rootOf(layout.fields().get(field++), value)
            .copyTo(chunks, position * Merkleizer.CHUNK_SIZE);
      }
    }
    return ProgressiveMerkleizer.mixInActiveFields(
        ProgressiveMerkleizer.merkleizeProgressive(chunks, chunks.length), activeFields);
  }

  private static <C, V> Bytes32 rootOf(final SszField<C, V> field, final C container) {
    return field.schema().hashTreeRoot(field.read(container));
  }

  @Override
  public String toString() {
    return typeName() + "(ProgressiveContainer(active_fields=" + activeFields + "))";
  }
}

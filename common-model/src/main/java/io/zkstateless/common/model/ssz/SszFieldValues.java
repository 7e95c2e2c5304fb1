package io.zkstateless.common.model.ssz;

import java.util.List;

/** The decoded field values of one container, handed to its constructor function. */
public final class SszFieldValues<C> {

  private final List<SszField<C, ?>> fields;
  private final Object[] values;

  SszFieldValues(final List<SszField<C, ?>> fields, final Object[] values) {
    this.fields = fields;
    this.values = values;
  }

  /** The decoded value of {@code field}, which must be a field of this container. */
  @SuppressWarnings("unchecked")
  public <V> V get(final SszField<C, V> field) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i) == field) {
        return (V) values[i];
      }
    }
    throw new IllegalArgumentException("not a field of this container: " + field.name());
  }
}

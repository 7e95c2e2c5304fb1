package io.zkstateless.common.model.ssz;

import java.util.function.Function;

/**
 * One named field of a container: the spec's snake_case name, its schema, and how to read it from
 * the Java value. Declared once as a constant in the container's schema class.
 *
 * @param <C> the container value type
 * @param <V> the field value type
 */
public record SszField<C, V>(String name, SszSchema<V> schema, Function<C, V> getter) {

  public SszField {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("field name must not be empty");
    }
  }

  public static <C, V> SszField<C, V> of(
      final String name, final SszSchema<V> schema, final Function<C, V> getter) {
    return new SszField<>(name, schema, getter);
  }

  V read(final C container) {
    final V value = getter.apply(container);
    if (value == null) {
      throw new IllegalArgumentException("field " + name + " is null");
    }
    return value;
  }
}

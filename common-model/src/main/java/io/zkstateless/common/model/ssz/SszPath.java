package io.zkstateless.common.model.ssz;

/**
 * Where a value sits inside the outermost decoded type, rendered only when an error is reported.
 * Kept as a parent-linked chain so decoding a list of a million elements builds no strings.
 */
public final class SszPath {

  private final SszPath parent;
  private final String field;
  private final long index;

  private SszPath(final SszPath parent, final String field, final long index) {
    this.parent = parent;
    this.field = field;
    this.index = index;
  }

  /** The outermost value, named after its type. */
  public static SszPath root(final String typeName) {
    return new SszPath(null, typeName, -1);
  }

  /** A named container field. */
  public SszPath field(final String name) {
    return new SszPath(this, name, -1);
  }

  /** An element of a vector or list. */
  public SszPath element(final long elementIndex) {
    return new SszPath(this, null, elementIndex);
  }

  @Override
  public String toString() {
    final StringBuilder out = new StringBuilder();
    render(out);
    return out.toString();
  }

  private void render(final StringBuilder out) {
    if (parent != null) {
      parent.render(out);
      if (field != null) {
        out.append('.');
      }
    }
    if (field != null) {
      out.append(field);
    } else {
      out.append('[').append(index).append(']');
    }
  }
}

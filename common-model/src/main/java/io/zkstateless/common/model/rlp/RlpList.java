package io.zkstateless.common.model.rlp;

import java.util.List;

/** An RLP list of items. Immutable. */
public record RlpList(List<RlpItem> items) implements RlpItem {

  public RlpList {
    items = List.copyOf(items);
  }

  public static RlpList of(final RlpItem... items) {
    return new RlpList(List.of(items));
  }

  @Override
  public boolean isList() {
    return true;
  }

  public int size() {
    return items.size();
  }

  public RlpItem get(final int index) {
    return items.get(index);
  }
}

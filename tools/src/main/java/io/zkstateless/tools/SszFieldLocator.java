package io.zkstateless.tools;

import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszListSchema;
import io.zkstateless.common.model.ssz.SszProgressiveContainerSchema;
import io.zkstateless.common.model.ssz.SszProgressiveListSchema;
import io.zkstateless.common.model.ssz.SszSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the field a byte offset falls in, by walking a schema over an encoding of it (the expected
 * bytes of a failed comparison): {@code StatelessInput.new_payload_request
 * .execution_payload.transactions[0] +5}. Offsets are read from the encoding itself, so the answer
 * is about the bytes given, and a corrupt offset table stops the walk at the enclosing value.
 */
public final class SszFieldLocator {

  private static final int OFFSET_SIZE = 4;

  private SszFieldLocator() {}

  public static String locate(final SszSchema<?> schema, final byte[] bytes, final int offset) {
    return locate(schema, bytes, 0, bytes.length, offset, schema.typeName());
  }

  private static String locate(
      final SszSchema<?> schema,
      final byte[] bytes,
      final int start,
      final int end,
      final int offset,
      final String path) {
    if (offset < start || offset >= end) {
      return path + " (past its end at +" + (end - start) + ")";
    }
    final List<? extends SszField<?, ?>> fields = fieldsOf(schema);
    if (fields != null) {
      return locateInContainer(fields, bytes, start, end, offset, path);
    }
    final SszSchema<?> element = elementOf(schema);
    if (element != null) {
      return locateInList(element, bytes, start, end, offset, path);
    }
    return path + " +" + (offset - start);
  }

  private static String locateInContainer(
      final List<? extends SszField<?, ?>> fields,
      final byte[] bytes,
      final int start,
      final int end,
      final int offset,
      final String path) {
    int fixedAt = start;
    final List<Integer> variableFields = new ArrayList<>();
    final List<Integer> variableStarts = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      final SszSchema<?> fieldSchema = fields.get(i).schema();
      final String fieldPath = path + "." + fields.get(i).name();
      final int size = fieldSchema.isFixedSize() ? fieldSchema.fixedSize() : OFFSET_SIZE;
      if (offset >= fixedAt && offset < fixedAt + size) {
        return fieldSchema.isFixedSize()
            ? locate(fieldSchema, bytes, fixedAt, fixedAt + size, offset, fieldPath)
            : fieldPath + " (its offset)";
      }
      if (!fieldSchema.isFixedSize()) {
        variableFields.add(i);
        variableStarts.add(start + readOffset(bytes, fixedAt));
      }
      fixedAt += size;
    }
    for (int v = 0; v < variableFields.size(); v++) {
      final int from = variableStarts.get(v);
      final int to = v + 1 < variableStarts.size() ? variableStarts.get(v + 1) : end;
      if (offset >= from && offset < to) {
        final SszField<?, ?> field = fields.get(variableFields.get(v));
        return locate(field.schema(), bytes, from, to, offset, path + "." + field.name());
      }
    }
    return path + " +" + (offset - start);
  }

  private static String locateInList(
      final SszSchema<?> element,
      final byte[] bytes,
      final int start,
      final int end,
      final int offset,
      final String path) {
    if (element.isFixedSize()) {
      final int index = (offset - start) / element.fixedSize();
      final int from = start + index * element.fixedSize();
      return locate(
          element, bytes, from, from + element.fixedSize(), offset, path + "[" + index + "]");
    }
    // A corrupt first offset must not make the walk loop over billions of phantom elements.
    final int count = Math.min(readOffset(bytes, start) / OFFSET_SIZE, (end - start) / OFFSET_SIZE);
    if (offset < start + count * OFFSET_SIZE) {
      return path + "[" + (offset - start) / OFFSET_SIZE + "] (its offset)";
    }
    for (int i = 0; i < count; i++) {
      final int from = start + readOffset(bytes, start + i * OFFSET_SIZE);
      final int to = i + 1 < count ? start + readOffset(bytes, start + (i + 1) * OFFSET_SIZE) : end;
      if (offset >= from && offset < to) {
        return locate(element, bytes, from, to, offset, path + "[" + i + "]");
      }
    }
    return path + " +" + (offset - start);
  }

  private static List<? extends SszField<?, ?>> fieldsOf(final SszSchema<?> schema) {
    if (schema instanceof SszContainerSchema<?> container) {
      return container.fields();
    }
    if (schema instanceof SszProgressiveContainerSchema<?> container) {
      return container.fields();
    }
    return null;
  }

  private static SszSchema<?> elementOf(final SszSchema<?> schema) {
    if (schema instanceof SszListSchema<?> list) {
      return list.element();
    }
    if (schema instanceof SszProgressiveListSchema<?> list) {
      return list.element();
    }
    return null;
  }

  private static int readOffset(final byte[] bytes, final int at) {
    if (at + OFFSET_SIZE > bytes.length) {
      return 0;
    }
    return (bytes[at] & 0xff)
        | (bytes[at + 1] & 0xff) << 8
        | (bytes[at + 2] & 0xff) << 16
        | (bytes[at + 3] & 0xff) << 24;
  }
}

package io.zkstateless.prover.witness;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a {@code debug_executionWitness} result object token by token from a Jackson streaming
 * parser into an {@link ExecutionWitness}, accepting every client shape: RLP-hex or geth
 * JSON-object headers, {@code keys} present, {@code null} or absent, any field order, unknown
 * fields skipped.
 *
 * <p>Hex is decoded from the parser's own character buffer straight into {@link WitnessEntries}
 * storage, so no String exists per node. Counts, per-entry sizes and the running total are checked
 * against {@link WitnessLimits} before anything is stored; the parser's {@code
 * StreamReadConstraints} (see {@link WitnessJson}) bound the length of each token before Jackson
 * buffers it.
 */
public final class ExecutionWitnessReader {

  private final WitnessLimits limits;

  public ExecutionWitnessReader(final WitnessLimits limits) {
    this.limits = limits;
  }

  /** Reads the object that starts at the parser's current token and leaves it on END_OBJECT. */
  public ExecutionWitness read(final JsonParser parser) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw error(parser, "witness must be a JSON object, got " + parser.currentToken());
    }
    final Set<String> seen = new HashSet<>();
    final SizeBudget budget = new SizeBudget(limits.maxTotalBytes());
    WitnessEntries state = null;
    WitnessEntries codes = null;
    WitnessEntries keys = null;
    HeaderList headers = null;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      final String name = parser.currentName();
      if (!seen.add(name)) {
        throw error(parser, "duplicate field '" + name + "'");
      }
      parser.nextToken();
      switch (name) {
        case "state" ->
            state =
                readHexList(
                    parser, "state", limits.maxStateNodes(), limits.maxNodeBytes(), false, budget);
        case "codes" ->
            codes =
                readHexList(
                    parser, "codes", limits.maxCodes(), limits.maxCodeBytes(), false, budget);
        case "keys" ->
            keys =
                parser.currentToken() == JsonToken.VALUE_NULL
                    ? null
                    : readHexList(parser, "keys", limits.maxKeys(), 32, true, budget);
        case "headers" -> headers = readHeaders(parser, budget);
        default -> parser.skipChildren();
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw error(parser, "expected a field name or '}', got " + parser.currentToken());
    }
    requirePresent(parser, state, "state");
    requirePresent(parser, codes, "codes");
    requirePresent(parser, headers, "headers");
    return new ExecutionWitness(state, codes, keys, headers.entries(), headers.form());
  }

  private WitnessEntries readHexList(
      final JsonParser parser,
      final String field,
      final int maxCount,
      final int maxEntryBytes,
      final boolean isKeys,
      final SizeBudget budget) {
    expectArray(parser, field);
    final WitnessEntries.Builder builder = WitnessEntries.builder();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (builder.size() == maxCount) {
        throw error(parser, field + " has more than " + maxCount + " entries");
      }
      appendHexString(parser, field, builder, maxEntryBytes, budget);
      if (isKeys) {
        final int length = builder.lastLength();
        if (length != 20 && length != 32) {
          throw error(
              parser,
              "keys["
                  + (builder.size() - 1)
                  + "] is "
                  + length
                  + " bytes; a key is a 20-byte address"
                  + " or a 32-byte storage slot");
        }
      }
    }
    return builder.build();
  }

  private HeaderList readHeaders(final JsonParser parser, final SizeBudget budget) {
    expectArray(parser, "headers");
    final WitnessEntries.Builder builder = WitnessEntries.builder();
    HeaderForm form = null;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (builder.size() == limits.maxHeaders()) {
        throw error(parser, "headers has more than " + limits.maxHeaders() + " entries");
      }
      final HeaderForm entryForm =
          parser.currentToken() == JsonToken.START_OBJECT
              ? HeaderForm.GETH_JSON_OBJECT
              : HeaderForm.RLP_HEX;
      if (form != null && form != entryForm) {
        throw error(
            parser, "headers mixes RLP strings and JSON objects at index " + builder.size());
      }
      form = entryForm;
      if (entryForm == HeaderForm.RLP_HEX) {
        appendHexString(parser, "headers", builder, limits.maxHeaderBytes(), budget);
      } else {
        final byte[] rlp = GethHeaderJson.toRlp(parser, builder.size(), limits.maxHeaderBytes());
        budget.take(parser, "headers", rlp.length);
        builder.append(rlp);
      }
    }
    if (form == null) {
      throw error(parser, "headers is empty; it must hold at least the parent header");
    }
    return new HeaderList(builder.build(), form);
  }

  private static void appendHexString(
      final JsonParser parser,
      final String field,
      final WitnessEntries.Builder builder,
      final int maxEntryBytes,
      final SizeBudget budget) {
    final int index = builder.size();
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw error(
          parser, field + "[" + index + "] must be a 0x-hex string, got " + parser.currentToken());
    }
    final char[] chars = parser.getStringCharacters();
    final int offset = parser.getStringOffset();
    final int length = parser.getStringLength();
    if (length < 2
        || chars[offset] != '0'
        || (chars[offset + 1] != 'x' && chars[offset + 1] != 'X')) {
      throw error(parser, field + "[" + index + "] lacks the 0x prefix");
    }
    final int digits = length - 2;
    if ((digits & 1) != 0) {
      throw error(
          parser, field + "[" + index + "] has an odd number of hex digits (" + digits + ")");
    }
    final int bytes = digits >>> 1;
    if (bytes > maxEntryBytes) {
      throw error(
          parser,
          field + "[" + index + "] is " + bytes + " bytes, over the limit " + maxEntryBytes);
    }
    budget.take(parser, field, bytes);
    final int bad = builder.appendHex(chars, offset + 2, digits);
    if (bad >= 0) {
      throw error(
          parser,
          field
              + "["
              + index
              + "] has a non-hex character '"
              + chars[offset + 2 + bad]
              + "' at position "
              + (bad + 2));
    }
  }

  private static void expectArray(final JsonParser parser, final String field) {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw error(parser, field + " must be an array, got " + parser.currentToken());
    }
  }

  private static void requirePresent(
      final JsonParser parser, final Object value, final String field) {
    if (value == null) {
      throw error(parser, "required field '" + field + "' is missing");
    }
  }

  static WitnessFormatException error(final JsonParser parser, final String problem) {
    return new WitnessFormatException(WitnessJson.offset(parser.currentTokenLocation()), problem);
  }

  private record HeaderList(WitnessEntries entries, HeaderForm form) {}

  /** The running total of decoded bytes, checked before each entry is stored. */
  private static final class SizeBudget {
    private final long max;
    private long used;

    SizeBudget(final long max) {
      this.max = max;
    }

    void take(final JsonParser parser, final String field, final int bytes) {
      if (used + bytes > max) {
        throw error(
            parser, "witness exceeds the limit of " + max + " bytes while reading " + field);
      }
      used += bytes;
    }
  }
}

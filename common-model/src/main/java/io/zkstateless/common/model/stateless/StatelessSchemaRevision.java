package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszDecodeException;
import io.zkstateless.common.model.ssz.SszInput;

/**
 * The SSZ layouts of the stateless guest input and output in circulation. They disagree on types
 * (bounded vs progressive), hence on the {@code new_payload_request_root}, on whether guest stdin
 * starts with a schema id, and on the output length, so callers must pin the revision their guest
 * version expects.
 */
public enum StatelessSchemaRevision {

  /**
   * EEST zkevm v0.3.3 fixtures (execution-specs {@code tests-zkevm@v0.3.3}): bare SSZ input with no
   * schema id, 41-byte output. See {@link FixtureV033Schemas} for what is proven.
   */
  EEST_V0_3_3(FixtureV033Schemas.NEW_PAYLOAD_REQUEST, FixtureV033Schemas.STATELESS_INPUT, false),

  /**
   * execution-specs {@code 3f042e0b} (schema id {@code 0x1501}, ere-guests v0.17.0): stdin is the
   * big-endian schema id then the SSZ input; output is 43 bytes ending in the schema id.
   */
  AMSTERDAM_1501(
      Amsterdam1501Schemas.NEW_PAYLOAD_REQUEST, Amsterdam1501Schemas.STATELESS_INPUT, true);

  /** Length of the big-endian schema-id prefix on guest stdin. */
  public static final int SCHEMA_ID_PREFIX_SIZE = 2;

  private final SszContainerSchema<NewPayloadRequest> requestSchema;
  private final SszContainerSchema<StatelessInput> inputSchema;
  private final boolean schemaIdPrefixed;

  StatelessSchemaRevision(
      final SszContainerSchema<NewPayloadRequest> requestSchema,
      final SszContainerSchema<StatelessInput> inputSchema,
      final boolean schemaIdPrefixed) {
    this.requestSchema = requestSchema;
    this.inputSchema = inputSchema;
    this.schemaIdPrefixed = schemaIdPrefixed;
  }

  public SszContainerSchema<NewPayloadRequest> newPayloadRequestSchema() {
    return requestSchema;
  }

  /** Schema of the SSZ part of the input (after the schema id, where there is one). */
  public SszContainerSchema<StatelessInput> statelessInputSchema() {
    return inputSchema;
  }

  public boolean schemaIdPrefixed() {
    return schemaIdPrefixed;
  }

  /** {@code hash_tree_root(new_payload_request)}: what the proof's public input commits to. */
  public Bytes32 newPayloadRequestRoot(final NewPayloadRequest request) {
    return requestSchema.hashTreeRoot(request);
  }

  /** The guest input bytes: the SSZ input, behind the schema id where this revision has one. */
  public byte[] encodeInput(final StatelessInput input) {
    final int prefix = schemaIdPrefixed ? SCHEMA_ID_PREFIX_SIZE : 0;
    final byte[] out = new byte[prefix + inputSchema.encodedSize(input)];
    if (schemaIdPrefixed) {
      out[0] = (byte) (PublicValuesCodec.STATELESS_INPUT_SCHEMA_ID >>> 8);
      out[1] = (byte) PublicValuesCodec.STATELESS_INPUT_SCHEMA_ID;
    }
    inputSchema.encodeInto(input, out, prefix);
    return out;
  }

  /**
   * Decodes guest input bytes strictly.
   *
   * @throws SszDecodeException for a missing or foreign schema id or non-canonical SSZ
   */
  public StatelessInput decodeInput(final byte[] bytes) {
    final SszInput whole = SszInput.of(bytes, inputSchema.typeName());
    if (!schemaIdPrefixed) {
      return inputSchema.decode(whole);
    }
    if (bytes.length < SCHEMA_ID_PREFIX_SIZE) {
      throw whole.error(0, "input of " + bytes.length + " bytes has no schema id");
    }
    final int schemaId = (bytes[0] & 0xff) << 8 | (bytes[1] & 0xff);
    if (schemaId != PublicValuesCodec.STATELESS_INPUT_SCHEMA_ID) {
      throw whole.error(0, "schema id 0x" + Integer.toHexString(schemaId) + ", expected 0x1501");
    }
    return inputSchema.decode(whole.slice(SCHEMA_ID_PREFIX_SIZE, bytes.length, whole.path()));
  }

  /** The output bytes a guest of this revision commits: 41 bytes, or 43 with the schema id. */
  public byte[] encodeValidationResult(final StatelessValidationResult result) {
    return schemaIdPrefixed
        ? PublicValuesCodec.encode(result)
        : PublicValuesCodec.encodeWithoutSchemaId(result);
  }
}

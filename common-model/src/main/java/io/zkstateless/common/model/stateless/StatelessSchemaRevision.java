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
      Amsterdam1501Schemas.NEW_PAYLOAD_REQUEST, Amsterdam1501Schemas.STATELESS_INPUT, true),

  /**
   * execution-specs {@code 19f7bdea}, still schema id {@code 0x1501}: the same request, a bounded
   * witness, {@code chain_config{chain_id, active_fork}} and an output {@code {root, flag,
   * chain_config}} without schema id. No guest of this layout was seen; see {@link
   * AmsterdamForkConfigSchemas}.
   */
  AMSTERDAM_1501_FORK_CONFIG(
      Amsterdam1501Schemas.NEW_PAYLOAD_REQUEST, AmsterdamForkConfigSchemas.STATELESS_INPUT, true);

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

  /**
   * The output bytes a guest of this revision commits: 41 bytes (v0.3.3), 43 with the schema id
   * ({@code 0x1501}), or the variable-size SSZ result with the chain configuration.
   *
   * @throws IllegalArgumentException if the result has a fork activation the form cannot hold
   */
  public byte[] encodeValidationResult(final StatelessValidationResult result) {
    return switch (this) {
      case EEST_V0_3_3 -> PublicValuesCodec.encodeWithoutSchemaId(result);
      case AMSTERDAM_1501 -> PublicValuesCodec.encode(result);
      case AMSTERDAM_1501_FORK_CONFIG ->
          AmsterdamForkConfigSchemas.VALIDATION_RESULT.encode(result);
    };
  }

  /**
   * Decodes committed output bytes of this revision strictly.
   *
   * @throws SszDecodeException for any other length or content
   */
  public StatelessValidationResult decodeValidationResult(final byte[] bytes) {
    final int expected =
        switch (this) {
          case EEST_V0_3_3 -> PublicValuesCodec.SIZE_WITHOUT_SCHEMA_ID;
          case AMSTERDAM_1501 -> PublicValuesCodec.SIZE;
          case AMSTERDAM_1501_FORK_CONFIG -> -1;
        };
    if (expected < 0) {
      return AmsterdamForkConfigSchemas.VALIDATION_RESULT.decode(bytes);
    }
    if (bytes.length != expected) {
      throw SszInput.of(bytes, "StatelessValidationResult")
          .error(0, "output of " + this + " is " + expected + " bytes, got " + bytes.length);
    }
    return PublicValuesCodec.decode(bytes);
  }
}

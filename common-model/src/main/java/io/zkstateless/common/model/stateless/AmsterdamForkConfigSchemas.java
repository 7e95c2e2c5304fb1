package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszBooleanSchema;
import io.zkstateless.common.model.ssz.SszByteListSchema;
import io.zkstateless.common.model.ssz.SszByteVectorSchema;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszListSchema;
import io.zkstateless.common.model.ssz.SszMappedSchema;
import io.zkstateless.common.model.ssz.SszSchema;
import io.zkstateless.common.model.ssz.SszUintSchema;
import java.util.List;
import java.util.OptionalLong;

/**
 * The layout of execution-specs {@code forks/amsterdam/stateless_ssz.py} at {@code 19f7bdea} (still
 * schema id {@code 0x1501}): the new-payload request as in {@link Amsterdam1501Schemas}, a bounded
 * witness, a chain configuration with the active fork's activation, at most {@code 2^15} public
 * keys, and a validation result {@code {root, successful_validation, chain_config}} with no schema
 * id. No fixture or guest of this layout was available; it is tested by round trips only.
 */
final class AmsterdamForkConfigSchemas {

  static final long MAX_WITNESS_NODES = 1L << 22;
  static final long MAX_WITNESS_CODES = 1L << 18;
  static final long MAX_WITNESS_HEADERS = 256;
  static final long MAX_BYTES_PER_CODE = 1L << 16;
  static final long MAX_BYTES_PER_HEADER = 1L << 10;
  static final long MAX_BYTES_PER_WITNESS_NODE = 1L << 10;
  static final long MAX_PUBLIC_KEYS = 1L << 15;
  static final long MAX_OPTIONAL_FORK_ACTIVATION_VALUES = 1;

  /** {@code Optional[uint64]} as {@code List[uint64, 1]}. */
  private static final SszSchema<OptionalLong> OPTIONAL_UINT64 =
      new SszMappedSchema<>(
          new SszListSchema<>(SszUintSchema.UINT64, MAX_OPTIONAL_FORK_ACTIVATION_VALUES),
          values -> values.isEmpty() ? OptionalLong.empty() : OptionalLong.of(values.get(0)),
          value -> value.isPresent() ? List.of(value.getAsLong()) : List.of());

  private static final SszField<ForkActivation, OptionalLong> BLOCK_NUMBER =
      SszField.of("block_number", OPTIONAL_UINT64, ForkActivation::blockNumber);
  private static final SszField<ForkActivation, OptionalLong> TIMESTAMP =
      SszField.of("timestamp", OPTIONAL_UINT64, ForkActivation::timestamp);
  private static final SszContainerSchema<ForkActivation> FORK_ACTIVATION =
      SszContainerSchema.of(
          "ForkActivation",
          List.of(BLOCK_NUMBER, TIMESTAMP),
          v -> new ForkActivation(v.get(BLOCK_NUMBER), v.get(TIMESTAMP)));

  /** {@code SszForkConfig{activation}}: a one-field container around the activation. */
  private static final SszField<ForkActivation, ForkActivation> ACTIVATION =
      SszField.of("activation", FORK_ACTIVATION, activation -> activation);

  private static final SszContainerSchema<ForkActivation> FORK_CONFIG =
      SszContainerSchema.of("ForkConfig", List.of(ACTIVATION), v -> v.get(ACTIVATION));

  private static final SszField<ChainConfig, Long> CHAIN_ID =
      SszField.of("chain_id", SszUintSchema.UINT64, ChainConfig::chainId);
  private static final SszField<ChainConfig, ForkActivation> ACTIVE_FORK =
      SszField.of("active_fork", FORK_CONFIG, ChainConfig::activeForkActivation);

  static final SszContainerSchema<ChainConfig> CHAIN_CONFIG =
      SszContainerSchema.of(
          "ChainConfig",
          List.of(CHAIN_ID, ACTIVE_FORK),
          v -> new ChainConfig(v.get(CHAIN_ID), v.get(ACTIVE_FORK)));

  static final SszContainerSchema<ExecutionWitness> EXECUTION_WITNESS =
      StatelessContainers.witness(
          new SszListSchema<>(new SszByteListSchema(MAX_BYTES_PER_WITNESS_NODE), MAX_WITNESS_NODES),
          new SszListSchema<>(new SszByteListSchema(MAX_BYTES_PER_CODE), MAX_WITNESS_CODES),
          new SszListSchema<>(new SszByteListSchema(MAX_BYTES_PER_HEADER), MAX_WITNESS_HEADERS));

  static final SszContainerSchema<StatelessInput> STATELESS_INPUT =
      StatelessContainers.statelessInput(
          Amsterdam1501Schemas.NEW_PAYLOAD_REQUEST,
          EXECUTION_WITNESS,
          "chain_config",
          CHAIN_CONFIG,
          new SszListSchema<ImmutableBytes>(
              new SszByteVectorSchema(StatelessInput.PUBLIC_KEY_SIZE), MAX_PUBLIC_KEYS));

  private static final SszField<StatelessValidationResult, Bytes32> ROOT =
      SszField.of(
          "new_payload_request_root",
          SszBytes32Schema.BYTES32,
          StatelessValidationResult::newPayloadRequestRoot);
  private static final SszField<StatelessValidationResult, Boolean> SUCCESSFUL =
      SszField.of(
          "successful_validation",
          SszBooleanSchema.BOOLEAN,
          StatelessValidationResult::successfulValidation);
  private static final SszField<StatelessValidationResult, ChainConfig> RESULT_CHAIN_CONFIG =
      SszField.of("chain_config", CHAIN_CONFIG, StatelessValidationResult::chainConfig);

  static final SszContainerSchema<StatelessValidationResult> VALIDATION_RESULT =
      SszContainerSchema.of(
          "StatelessValidationResult",
          List.of(ROOT, SUCCESSFUL, RESULT_CHAIN_CONFIG),
          v ->
              new StatelessValidationResult(
                  v.get(ROOT), v.get(SUCCESSFUL), v.get(RESULT_CHAIN_CONFIG)));

  private AmsterdamForkConfigSchemas() {}
}

package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszByteListSchema;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszListSchema;
import io.zkstateless.common.model.ssz.SszMappedSchema;
import io.zkstateless.common.model.ssz.SszSchema;
import io.zkstateless.common.model.ssz.SszUintSchema;
import java.util.List;

/**
 * The schema of the EEST zkevm v0.3.3 fixtures ({@code statelessInputBytes}, 41-byte {@code
 * statelessOutputBytes}), reconstructed from the fixture bytes and roots because no tagged source
 * of it was at hand. It predates progressive types: every collection is a bounded {@code
 * List}/{@code ByteList}. What the fixtures prove and what they cannot:
 *
 * <ul>
 *   <li>Proven by the root: payload is a plain 19-field container; transactions {@code
 *       List[ByteList[2^30], 2^20]}; withdrawals {@code List[Withdrawal, 2^16]}; block access list
 *       {@code ByteList[2^24]}; versioned hashes {@code List[Bytes32, 4096]}; the new-payload
 *       request a plain 4-field container; execution requests an empty list whose tree has depth 4
 *       (a limit of 9 to 16 elements), serialized as zero bytes.
 *   <li>Assumed: execution requests are the EIP-7685 typed byte strings ({@code
 *       List[ByteList[2^30], 16]}, as engine API and the ethrex/ere inputs of that time carried
 *       them); witness and public-key limits (not in the root, only decoding bounds) follow the
 *       execution-specs revision without progressive types ({@code MAX_WITNESS_NODES = 2^20}, node
 *       2^20 bytes, 2^16 codes of 2^24 bytes, 256 headers of 2^10 bytes, 2^20 public keys as {@code
 *       ByteList[65]}). No fixture has withdrawals, blobs, requests or public keys.
 * </ul>
 */
final class FixtureV033Schemas {

  static final long MAX_BYTES_PER_TRANSACTION = 1L << 30;
  static final long MAX_TRANSACTIONS_PER_PAYLOAD = 1L << 20;
  static final long MAX_WITHDRAWALS_PER_PAYLOAD = 1L << 16;
  static final long MAX_BLOCK_ACCESS_LIST_BYTES = 1L << 24;
  static final long MAX_BLOB_COMMITMENTS_PER_BLOCK = 4096;
  static final long MAX_EXECUTION_REQUESTS = 16;
  static final long MAX_WITNESS_NODES = 1L << 20;
  static final long MAX_BYTES_PER_WITNESS_NODE = 1L << 20;
  static final long MAX_WITNESS_CODES = 1L << 16;
  static final long MAX_BYTES_PER_CODE = 1L << 24;
  static final long MAX_WITNESS_HEADERS = 256;
  static final long MAX_BYTES_PER_HEADER = 1L << 10;
  static final long MAX_PUBLIC_KEYS = 1L << 20;

  private static final ExecutionPayloadFields PAYLOAD_FIELDS =
      new ExecutionPayloadFields(
          new SszListSchema<>(
              new SszByteListSchema(MAX_BYTES_PER_TRANSACTION), MAX_TRANSACTIONS_PER_PAYLOAD),
          new SszListSchema<>(RequestSchemas.WITHDRAWAL, MAX_WITHDRAWALS_PER_PAYLOAD),
          new SszByteListSchema(MAX_BLOCK_ACCESS_LIST_BYTES));

  static final SszContainerSchema<ExecutionPayload> EXECUTION_PAYLOAD =
      SszContainerSchema.of("ExecutionPayload", PAYLOAD_FIELDS.all(), PAYLOAD_FIELDS::construct);

  static final SszSchema<ExecutionRequests> EXECUTION_REQUESTS =
      new SszMappedSchema<>(
          new SszListSchema<>(
              new SszByteListSchema(MAX_BYTES_PER_TRANSACTION), MAX_EXECUTION_REQUESTS),
          Eip7685Requests::decode,
          Eip7685Requests::encode);

  static final SszContainerSchema<NewPayloadRequest> NEW_PAYLOAD_REQUEST =
      StatelessContainers.newPayloadRequest(
          EXECUTION_PAYLOAD,
          new SszListSchema<>(SszBytes32Schema.BYTES32, MAX_BLOB_COMMITMENTS_PER_BLOCK),
          EXECUTION_REQUESTS);

  static final SszContainerSchema<ExecutionWitness> EXECUTION_WITNESS =
      StatelessContainers.witness(
          new SszListSchema<>(new SszByteListSchema(MAX_BYTES_PER_WITNESS_NODE), MAX_WITNESS_NODES),
          new SszListSchema<>(new SszByteListSchema(MAX_BYTES_PER_CODE), MAX_WITNESS_CODES),
          new SszListSchema<>(new SszByteListSchema(MAX_BYTES_PER_HEADER), MAX_WITNESS_HEADERS));

  private static final SszField<ChainConfig, Long> CHAIN_ID =
      SszField.of("chain_id", SszUintSchema.UINT64, ChainConfig::chainIdOnly);

  /** {@code SszChainConfig{chain_id: uint64}}: a one-field container, 8 bytes. */
  static final SszContainerSchema<ChainConfig> CHAIN_CONFIG =
      SszContainerSchema.of("ChainConfig", List.of(CHAIN_ID), v -> ChainConfig.of(v.get(CHAIN_ID)));

  static final SszContainerSchema<StatelessInput> STATELESS_INPUT =
      StatelessContainers.statelessInput(
          NEW_PAYLOAD_REQUEST,
          EXECUTION_WITNESS,
          "chain_config",
          CHAIN_CONFIG,
          new SszListSchema<ImmutableBytes>(
              new SszByteListSchema(StatelessInput.PUBLIC_KEY_SIZE), MAX_PUBLIC_KEYS));

  private FixtureV033Schemas() {}
}

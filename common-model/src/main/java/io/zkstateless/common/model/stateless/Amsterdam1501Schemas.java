package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.ActiveFields;
import io.zkstateless.common.model.ssz.SszByteListSchema;
import io.zkstateless.common.model.ssz.SszByteVectorSchema;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszListSchema;
import io.zkstateless.common.model.ssz.SszMappedSchema;
import io.zkstateless.common.model.ssz.SszProgressiveByteListSchema;
import io.zkstateless.common.model.ssz.SszProgressiveContainerSchema;
import io.zkstateless.common.model.ssz.SszProgressiveListSchema;
import io.zkstateless.common.model.ssz.SszUintSchema;
import io.zkstateless.common.model.stateless.ExecutionRequests.BuilderDeposit;
import io.zkstateless.common.model.stateless.ExecutionRequests.BuilderExit;
import io.zkstateless.common.model.stateless.ExecutionRequests.Consolidation;
import io.zkstateless.common.model.stateless.ExecutionRequests.Deposit;
import io.zkstateless.common.model.stateless.ExecutionRequests.WithdrawalRequest;
import java.util.List;

/**
 * Schema revision {@code 0x1501} (Amsterdam fork {@code 0x15}, revision {@code 0x01}) as defined by
 * execution-specs {@code forks/amsterdam/stateless_ssz.py} at {@code 3f042e0b}: the payload and the
 * execution requests are EIP-7495 progressive containers, every unbounded collection an EIP-7916
 * progressive list, and the stateless input carries the chain id as a bare {@code uint64}. Guest
 * stdin is the big-endian schema id followed by the SSZ input. No recorded fixture of this revision
 * was available; the layout is tested by round trips and against the spec text.
 */
final class Amsterdam1501Schemas {

  static final long MAX_WITNESS_HEADERS = 256;
  static final long MAX_BYTES_PER_CODE = 1L << 16;
  static final long MAX_BYTES_PER_HEADER = 1L << 10;
  static final long MAX_BYTES_PER_WITNESS_NODE = 1L << 10;

  private static final ExecutionPayloadFields PAYLOAD_FIELDS =
      new ExecutionPayloadFields(
          new SszProgressiveListSchema<>(SszProgressiveByteListSchema.INSTANCE),
          new SszProgressiveListSchema<>(RequestSchemas.WITHDRAWAL),
          SszProgressiveByteListSchema.INSTANCE);

  static final SszProgressiveContainerSchema<ExecutionPayload> EXECUTION_PAYLOAD =
      SszProgressiveContainerSchema.of(
          "ExecutionPayload",
          ActiveFields.allActive(19),
          PAYLOAD_FIELDS.all(),
          PAYLOAD_FIELDS::construct);

  private static final SszField<ExecutionRequests, List<Deposit>> DEPOSITS =
      SszField.of(
          "deposits",
          new SszProgressiveListSchema<>(RequestSchemas.DEPOSIT),
          ExecutionRequests::deposits);
  private static final SszField<ExecutionRequests, List<WithdrawalRequest>> WITHDRAWALS =
      SszField.of(
          "withdrawals",
          new SszProgressiveListSchema<>(RequestSchemas.WITHDRAWAL_REQUEST),
          ExecutionRequests::withdrawals);
  private static final SszField<ExecutionRequests, List<Consolidation>> CONSOLIDATIONS =
      SszField.of(
          "consolidations",
          new SszProgressiveListSchema<>(RequestSchemas.CONSOLIDATION),
          ExecutionRequests::consolidations);
  private static final SszField<ExecutionRequests, List<BuilderDeposit>> BUILDER_DEPOSITS =
      SszField.of(
          "builder_deposits",
          new SszProgressiveListSchema<>(RequestSchemas.BUILDER_DEPOSIT),
          ExecutionRequests::builderDeposits);
  private static final SszField<ExecutionRequests, List<BuilderExit>> BUILDER_EXITS =
      SszField.of(
          "builder_exits",
          new SszProgressiveListSchema<>(RequestSchemas.BUILDER_EXIT),
          ExecutionRequests::builderExits);

  static final SszProgressiveContainerSchema<ExecutionRequests> EXECUTION_REQUESTS =
      SszProgressiveContainerSchema.of(
          "ExecutionRequests",
          ActiveFields.allActive(5),
          List.of(DEPOSITS, WITHDRAWALS, CONSOLIDATIONS, BUILDER_DEPOSITS, BUILDER_EXITS),
          v ->
              new ExecutionRequests(
                  v.get(DEPOSITS),
                  v.get(WITHDRAWALS),
                  v.get(CONSOLIDATIONS),
                  v.get(BUILDER_DEPOSITS),
                  v.get(BUILDER_EXITS)));

  static final SszContainerSchema<NewPayloadRequest> NEW_PAYLOAD_REQUEST =
      StatelessContainers.newPayloadRequest(
          EXECUTION_PAYLOAD,
          new SszProgressiveListSchema<>(SszBytes32Schema.BYTES32),
          EXECUTION_REQUESTS);

  static final SszContainerSchema<ExecutionWitness> EXECUTION_WITNESS =
      StatelessContainers.witness(
          new SszProgressiveListSchema<>(new SszByteListSchema(MAX_BYTES_PER_WITNESS_NODE)),
          new SszProgressiveListSchema<>(new SszByteListSchema(MAX_BYTES_PER_CODE)),
          new SszListSchema<>(new SszByteListSchema(MAX_BYTES_PER_HEADER), MAX_WITNESS_HEADERS));

  static final SszContainerSchema<StatelessInput> STATELESS_INPUT =
      StatelessContainers.statelessInput(
          NEW_PAYLOAD_REQUEST,
          EXECUTION_WITNESS,
          "chain_id",
          new SszMappedSchema<>(SszUintSchema.UINT64, ChainConfig::of, ChainConfig::chainIdOnly),
          new SszProgressiveListSchema<ImmutableBytes>(
              new SszByteVectorSchema(StatelessInput.PUBLIC_KEY_SIZE)));

  private Amsterdam1501Schemas() {}
}

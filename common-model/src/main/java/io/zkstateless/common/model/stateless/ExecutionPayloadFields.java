package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszBigUintSchema;
import io.zkstateless.common.model.ssz.SszByteListSchema;
import io.zkstateless.common.model.ssz.SszByteVectorSchema;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszFieldValues;
import io.zkstateless.common.model.ssz.SszSchema;
import io.zkstateless.common.model.ssz.SszUintSchema;
import java.math.BigInteger;
import java.util.List;

/**
 * The 19 fields of the Amsterdam {@code SszExecutionPayload}, in spec order. Schema revisions
 * differ only in how the three variable-length collections are typed (bounded {@code List} or
 * EIP-7916 progressive), so those schemas are parameters.
 */
final class ExecutionPayloadFields {

  private final SszField<ExecutionPayload, Bytes32> parentHash =
      SszField.of("parent_hash", SszBytes32Schema.BYTES32, ExecutionPayload::parentHash);
  private final SszField<ExecutionPayload, ImmutableBytes> feeRecipient =
      SszField.of(
          "fee_recipient",
          new SszByteVectorSchema(ExecutionPayload.FEE_RECIPIENT_SIZE),
          ExecutionPayload::feeRecipient);
  private final SszField<ExecutionPayload, Bytes32> stateRoot =
      SszField.of("state_root", SszBytes32Schema.BYTES32, ExecutionPayload::stateRoot);
  private final SszField<ExecutionPayload, Bytes32> receiptsRoot =
      SszField.of("receipts_root", SszBytes32Schema.BYTES32, ExecutionPayload::receiptsRoot);
  private final SszField<ExecutionPayload, ImmutableBytes> logsBloom =
      SszField.of(
          "logs_bloom",
          new SszByteVectorSchema(ExecutionPayload.LOGS_BLOOM_SIZE),
          ExecutionPayload::logsBloom);
  private final SszField<ExecutionPayload, Bytes32> prevRandao =
      SszField.of("prev_randao", SszBytes32Schema.BYTES32, ExecutionPayload::prevRandao);
  private final SszField<ExecutionPayload, Long> blockNumber =
      SszField.of("block_number", SszUintSchema.UINT64, ExecutionPayload::blockNumber);
  private final SszField<ExecutionPayload, Long> gasLimit =
      SszField.of("gas_limit", SszUintSchema.UINT64, ExecutionPayload::gasLimit);
  private final SszField<ExecutionPayload, Long> gasUsed =
      SszField.of("gas_used", SszUintSchema.UINT64, ExecutionPayload::gasUsed);
  private final SszField<ExecutionPayload, Long> timestamp =
      SszField.of("timestamp", SszUintSchema.UINT64, ExecutionPayload::timestamp);
  private final SszField<ExecutionPayload, ImmutableBytes> extraData =
      SszField.of(
          "extra_data",
          new SszByteListSchema(ExecutionPayload.MAX_EXTRA_DATA_BYTES),
          ExecutionPayload::extraData);
  private final SszField<ExecutionPayload, BigInteger> baseFeePerGas =
      SszField.of("base_fee_per_gas", SszBigUintSchema.UINT256, ExecutionPayload::baseFeePerGas);
  private final SszField<ExecutionPayload, Bytes32> blockHash =
      SszField.of("block_hash", SszBytes32Schema.BYTES32, ExecutionPayload::blockHash);
  private final SszField<ExecutionPayload, List<ImmutableBytes>> transactions;
  private final SszField<ExecutionPayload, List<Withdrawal>> withdrawals;
  private final SszField<ExecutionPayload, Long> blobGasUsed =
      SszField.of("blob_gas_used", SszUintSchema.UINT64, ExecutionPayload::blobGasUsed);
  private final SszField<ExecutionPayload, Long> excessBlobGas =
      SszField.of("excess_blob_gas", SszUintSchema.UINT64, ExecutionPayload::excessBlobGas);
  private final SszField<ExecutionPayload, ImmutableBytes> blockAccessList;
  private final SszField<ExecutionPayload, Long> slotNumber =
      SszField.of("slot_number", SszUintSchema.UINT64, ExecutionPayload::slotNumber);

  ExecutionPayloadFields(
      final SszSchema<List<ImmutableBytes>> transactionsSchema,
      final SszSchema<List<Withdrawal>> withdrawalsSchema,
      final SszSchema<ImmutableBytes> blockAccessListSchema) {
    transactions = SszField.of("transactions", transactionsSchema, ExecutionPayload::transactions);
    withdrawals = SszField.of("withdrawals", withdrawalsSchema, ExecutionPayload::withdrawals);
    blockAccessList =
        SszField.of("block_access_list", blockAccessListSchema, ExecutionPayload::blockAccessList);
  }

  List<SszField<ExecutionPayload, ?>> all() {
    return List.of(
        parentHash,
        feeRecipient,
        stateRoot,
        receiptsRoot,
        logsBloom,
        prevRandao,
        blockNumber,
        gasLimit,
        gasUsed,
        timestamp,
        extraData,
        baseFeePerGas,
        blockHash,
        transactions,
        withdrawals,
        blobGasUsed,
        excessBlobGas,
        blockAccessList,
        slotNumber);
  }

  ExecutionPayload construct(final SszFieldValues<ExecutionPayload> v) {
    return new ExecutionPayload(
        v.get(parentHash),
        v.get(feeRecipient),
        v.get(stateRoot),
        v.get(receiptsRoot),
        v.get(logsBloom),
        v.get(prevRandao),
        v.get(blockNumber),
        v.get(gasLimit),
        v.get(gasUsed),
        v.get(timestamp),
        v.get(extraData),
        v.get(baseFeePerGas),
        v.get(blockHash),
        v.get(transactions),
        v.get(withdrawals),
        v.get(blobGasUsed),
        v.get(excessBlobGas),
        v.get(blockAccessList),
        v.get(slotNumber));
  }
}

package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszBigUintSchema;
import io.zkstateless.common.model.ssz.SszByteListSchema;
import io.zkstateless.common.model.ssz.SszByteVectorSchema;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszFieldValues;
import io.zkstateless.common.model.ssz.SszListSchema;
import io.zkstateless.common.model.ssz.SszUintSchema;
import io.zkstateless.common.model.stateless.RequestSchemas;
import io.zkstateless.common.model.stateless.Withdrawal;
import java.math.BigInteger;
import java.util.List;

/** The 17 fields of the Deneb/Electra/Fulu {@code ExecutionPayload}, in spec order. */
final class ElectraPayloadFields {

  private final SszField<ElectraExecutionPayload, Bytes32> parentHash =
      SszField.of("parent_hash", SszBytes32Schema.BYTES32, ElectraExecutionPayload::parentHash);
  private final SszField<ElectraExecutionPayload, ImmutableBytes> feeRecipient =
      SszField.of(
          "fee_recipient",
          new SszByteVectorSchema(ElectraExecutionPayload.FEE_RECIPIENT_SIZE),
          ElectraExecutionPayload::feeRecipient);
  private final SszField<ElectraExecutionPayload, Bytes32> stateRoot =
      SszField.of("state_root", SszBytes32Schema.BYTES32, ElectraExecutionPayload::stateRoot);
  private final SszField<ElectraExecutionPayload, Bytes32> receiptsRoot =
      SszField.of("receipts_root", SszBytes32Schema.BYTES32, ElectraExecutionPayload::receiptsRoot);
  private final SszField<ElectraExecutionPayload, ImmutableBytes> logsBloom =
      SszField.of(
          "logs_bloom",
          new SszByteVectorSchema(ElectraExecutionPayload.LOGS_BLOOM_SIZE),
          ElectraExecutionPayload::logsBloom);
  private final SszField<ElectraExecutionPayload, Bytes32> prevRandao =
      SszField.of("prev_randao", SszBytes32Schema.BYTES32, ElectraExecutionPayload::prevRandao);
  private final SszField<ElectraExecutionPayload, Long> blockNumber =
      SszField.of("block_number", SszUintSchema.UINT64, ElectraExecutionPayload::blockNumber);
  private final SszField<ElectraExecutionPayload, Long> gasLimit =
      SszField.of("gas_limit", SszUintSchema.UINT64, ElectraExecutionPayload::gasLimit);
  private final SszField<ElectraExecutionPayload, Long> gasUsed =
      SszField.of("gas_used", SszUintSchema.UINT64, ElectraExecutionPayload::gasUsed);
  private final SszField<ElectraExecutionPayload, Long> timestamp =
      SszField.of("timestamp", SszUintSchema.UINT64, ElectraExecutionPayload::timestamp);
  private final SszField<ElectraExecutionPayload, ImmutableBytes> extraData =
      SszField.of(
          "extra_data",
          new SszByteListSchema(ElectraExecutionPayload.MAX_EXTRA_DATA_BYTES),
          ElectraExecutionPayload::extraData);
  private final SszField<ElectraExecutionPayload, BigInteger> baseFeePerGas =
      SszField.of(
          "base_fee_per_gas", SszBigUintSchema.UINT256, ElectraExecutionPayload::baseFeePerGas);
  private final SszField<ElectraExecutionPayload, Bytes32> blockHash =
      SszField.of("block_hash", SszBytes32Schema.BYTES32, ElectraExecutionPayload::blockHash);
  private final SszField<ElectraExecutionPayload, List<ImmutableBytes>> transactions =
      SszField.of(
          "transactions",
          new SszListSchema<>(
              new SszByteListSchema(ElectraPreset.MAX_BYTES_PER_TRANSACTION),
              ElectraPreset.MAX_TRANSACTIONS_PER_PAYLOAD),
          ElectraExecutionPayload::transactions);
  private final SszField<ElectraExecutionPayload, List<Withdrawal>> withdrawals;
  private final SszField<ElectraExecutionPayload, Long> blobGasUsed =
      SszField.of("blob_gas_used", SszUintSchema.UINT64, ElectraExecutionPayload::blobGasUsed);
  private final SszField<ElectraExecutionPayload, Long> excessBlobGas =
      SszField.of("excess_blob_gas", SszUintSchema.UINT64, ElectraExecutionPayload::excessBlobGas);

  ElectraPayloadFields(final ElectraPreset preset) {
    withdrawals =
        SszField.of(
            "withdrawals",
            new SszListSchema<>(RequestSchemas.WITHDRAWAL, preset.maxWithdrawalsPerPayload()),
            ElectraExecutionPayload::withdrawals);
  }

  List<SszField<ElectraExecutionPayload, ?>> all() {
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
        excessBlobGas);
  }

  ElectraExecutionPayload construct(final SszFieldValues<ElectraExecutionPayload> v) {
    return new ElectraExecutionPayload(
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
        v.get(excessBlobGas));
  }
}

package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.stateless.Withdrawal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The Deneb execution payload, unchanged in Electra and Fulu (consensus-specs {@code
 * deneb/beacon-chain.md}): 17 fields, no block access list, no slot number. That is why it is not
 * the Amsterdam {@link io.zkstateless.common.model.stateless.ExecutionPayload}. Integers marked
 * uint64 are held in {@code long} with unsigned meaning. List limits are the schema's business
 * ({@link ElectraSchemas}); this type only checks what holds under every preset.
 */
public record ElectraExecutionPayload(
    Bytes32 parentHash,
    ImmutableBytes feeRecipient,
    Bytes32 stateRoot,
    Bytes32 receiptsRoot,
    ImmutableBytes logsBloom,
    Bytes32 prevRandao,
    long blockNumber,
    long gasLimit,
    long gasUsed,
    long timestamp,
    ImmutableBytes extraData,
    BigInteger baseFeePerGas,
    Bytes32 blockHash,
    List<ImmutableBytes> transactions,
    List<Withdrawal> withdrawals,
    long blobGasUsed,
    long excessBlobGas) {

  public static final int FEE_RECIPIENT_SIZE = 20;
  public static final int LOGS_BLOOM_SIZE = 256;
  public static final int MAX_EXTRA_DATA_BYTES = 32;

  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  public ElectraExecutionPayload {
    Objects.requireNonNull(parentHash, "parentHash");
    requireSize("fee_recipient", feeRecipient, FEE_RECIPIENT_SIZE);
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    requireSize("logs_bloom", logsBloom, LOGS_BLOOM_SIZE);
    Objects.requireNonNull(prevRandao, "prevRandao");
    Objects.requireNonNull(extraData, "extraData");
    if (extraData.size() > MAX_EXTRA_DATA_BYTES) {
      throw new IllegalArgumentException(
          "extra_data must be at most 32 bytes, got " + extraData.size());
    }
    Objects.requireNonNull(baseFeePerGas, "baseFeePerGas");
    if (baseFeePerGas.signum() < 0 || baseFeePerGas.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException("base_fee_per_gas outside uint256: " + baseFeePerGas);
    }
    Objects.requireNonNull(blockHash, "blockHash");
    transactions = List.copyOf(transactions);
    withdrawals = List.copyOf(withdrawals);
  }

  private static void requireSize(final String what, final ImmutableBytes value, final int size) {
    Objects.requireNonNull(value, what);
    if (value.size() != size) {
      throw new IllegalArgumentException(what + " must be " + size + " bytes, got " + value.size());
    }
  }
}

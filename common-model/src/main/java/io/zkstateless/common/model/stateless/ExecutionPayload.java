package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The Amsterdam execution payload: the Electra payload plus the EIP-7928 block access list (an
 * opaque RLP blob, like each transaction) and the slot number. Field order and meaning follow
 * execution-specs {@code forks/amsterdam/execution_engine/types.py} and the SSZ mirror in {@code
 * stateless_ssz.py}. Integers marked uint64 are held in {@code long} with unsigned meaning.
 */
public record ExecutionPayload(
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
    long excessBlobGas,
    ImmutableBytes blockAccessList,
    long slotNumber) {

  public static final int FEE_RECIPIENT_SIZE = 20;
  public static final int LOGS_BLOOM_SIZE = 256;
  public static final int MAX_EXTRA_DATA_BYTES = 32;

  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  public ExecutionPayload {
    Objects.requireNonNull(parentHash, "parentHash");
    Sizes.requireSize("fee_recipient", feeRecipient, FEE_RECIPIENT_SIZE);
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(receiptsRoot, "receiptsRoot");
    Sizes.requireSize("logs_bloom", logsBloom, LOGS_BLOOM_SIZE);
    Objects.requireNonNull(prevRandao, "prevRandao");
    Sizes.requireAtMost("extra_data", extraData, MAX_EXTRA_DATA_BYTES);
    if (baseFeePerGas.signum() < 0 || baseFeePerGas.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException("base_fee_per_gas outside uint256: " + baseFeePerGas);
    }
    Objects.requireNonNull(blockHash, "blockHash");
    transactions = List.copyOf(transactions);
    withdrawals = List.copyOf(withdrawals);
    Objects.requireNonNull(blockAccessList, "blockAccessList");
  }
}

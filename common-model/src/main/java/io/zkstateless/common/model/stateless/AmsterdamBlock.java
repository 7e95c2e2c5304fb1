package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import io.zkstateless.common.model.rlp.RlpReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An Amsterdam block decoded from its RLP ({@code debug_getRawBlock}, the EEST {@code rlp} field):
 * {@code [header, transactions, ommers, withdrawals]}. The block access list is not part of the
 * block body; the header only carries its hash, so the list travels separately.
 *
 * <p>Header field order (execution-specs {@code forks/amsterdam/blocks.py}): parent_hash,
 * ommers_hash, coinbase, state_root, transactions_root, receipt_root, bloom, difficulty, number,
 * gas_limit, gas_used, timestamp, extra_data, prev_randao, nonce, base_fee_per_gas,
 * withdrawals_root, blob_gas_used, excess_blob_gas, parent_beacon_block_root, requests_hash,
 * block_access_list_hash, slot_number.
 */
public record AmsterdamBlock(
    Bytes32 blockHash,
    Bytes32 parentHash,
    ImmutableBytes coinbase,
    Bytes32 stateRoot,
    Bytes32 receiptsRoot,
    ImmutableBytes logsBloom,
    long number,
    long gasLimit,
    long gasUsed,
    long timestamp,
    ImmutableBytes extraData,
    Bytes32 prevRandao,
    BigInteger baseFeePerGas,
    long blobGasUsed,
    long excessBlobGas,
    Bytes32 parentBeaconBlockRoot,
    Bytes32 requestsHash,
    Bytes32 blockAccessListHash,
    long slotNumber,
    List<ImmutableBytes> transactions,
    List<Withdrawal> withdrawals) {

  private static final int UINT64_BITS = 64;

  public AmsterdamBlock {
    transactions = List.copyOf(transactions);
    withdrawals = List.copyOf(withdrawals);
  }

  /**
   * Decodes canonical block RLP.
   *
   * @throws RlpDecodeException if the RLP is malformed or not an Amsterdam block (23 header fields,
   *     four body items)
   */
  public static AmsterdamBlock decode(final byte[] blockRlp) {
    final RlpReader top = RlpReader.of(blockRlp);
    final RlpReader block = top.readList();
    top.finish();
    final byte[] headerRlp = block.readRaw();
    final RlpReader h = RlpReader.of(headerRlp).readList();
    final Bytes32 parentHash = h.readBytes32();
    h.skip(); // ommers_hash: always the empty-list hash since the merge
    final ImmutableBytes coinbase =
        ImmutableBytes.of(h.readFixedBytes(ExecutionPayload.FEE_RECIPIENT_SIZE));
    final Bytes32 stateRoot = h.readBytes32();
    h.skip(); // transactions_root: the payload carries the transactions themselves
    final Bytes32 receiptsRoot = h.readBytes32();
    final ImmutableBytes logsBloom =
        ImmutableBytes.of(h.readFixedBytes(ExecutionPayload.LOGS_BLOOM_SIZE));
    h.skip(); // difficulty: zero since the merge
    final long number = readUint64(h);
    final long gasLimit = readUint64(h);
    final long gasUsed = readUint64(h);
    final long timestamp = readUint64(h);
    final ImmutableBytes extraData = ImmutableBytes.of(h.readBytes());
    final Bytes32 prevRandao = h.readBytes32();
    h.skip(); // nonce: zero since the merge
    final BigInteger baseFee = h.readBigInteger();
    h.skip(); // withdrawals_root: the payload carries the withdrawals themselves
    final long blobGasUsed = readUint64(h);
    final long excessBlobGas = readUint64(h);
    final Bytes32 parentBeaconBlockRoot = h.readBytes32();
    final Bytes32 requestsHash = h.readBytes32();
    final Bytes32 blockAccessListHash = h.readBytes32();
    final long slotNumber = readUint64(h);
    h.finish();

    final List<ImmutableBytes> transactions = readTransactions(block.readList());
    final RlpReader ommers = block.readList();
    if (ommers.hasNext()) {
      throw new RlpDecodeException(ommers.position(), "post-merge block must have no ommers");
    }
    final List<Withdrawal> withdrawals = readWithdrawals(block.readList());
    block.finish();
    return new AmsterdamBlock(
        Hashes.keccak256(headerRlp),
        parentHash,
        coinbase,
        stateRoot,
        receiptsRoot,
        logsBloom,
        number,
        gasLimit,
        gasUsed,
        timestamp,
        extraData,
        prevRandao,
        baseFee,
        blobGasUsed,
        excessBlobGas,
        parentBeaconBlockRoot,
        requestsHash,
        blockAccessListHash,
        slotNumber,
        transactions,
        withdrawals);
  }

  /**
   * Transactions as the payload carries them (EIP-2718 form): a typed transaction is an RLP string
   * wrapping {@code type || payload}, which is taken unwrapped; a legacy transaction is an RLP
   * list, which is taken whole.
   */
  private static List<ImmutableBytes> readTransactions(final RlpReader list) {
    final List<ImmutableBytes> transactions = new ArrayList<>();
    while (list.hasNext()) {
      transactions.add(ImmutableBytes.of(list.isList() ? list.readRaw() : list.readBytes()));
    }
    return transactions;
  }

  private static List<Withdrawal> readWithdrawals(final RlpReader list) {
    final List<Withdrawal> withdrawals = new ArrayList<>();
    while (list.hasNext()) {
      final RlpReader w = list.readList();
      final long index = readUint64(w);
      final long validatorIndex = readUint64(w);
      final ImmutableBytes address = ImmutableBytes.of(w.readFixedBytes(Withdrawal.ADDRESS_SIZE));
      final long amount = readUint64(w);
      w.finish();
      withdrawals.add(new Withdrawal(index, validatorIndex, address, amount));
    }
    return withdrawals;
  }

  /** A uint64 scalar; {@code long} holds it with unsigned meaning. */
  static long readUint64(final RlpReader reader) {
    final int at = reader.position();
    final BigInteger value = reader.readBigInteger();
    if (value.bitLength() > UINT64_BITS) {
      throw new RlpDecodeException(at, "scalar exceeds uint64");
    }
    return value.longValue();
  }
}

package io.zkstateless.common.model.stateless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import io.zkstateless.common.model.rlp.RlpWriter;
import io.zkstateless.tools.EestBlockAccessLists;
import io.zkstateless.tools.EestFixtureBlock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewPayloadRequestBuilderTest {

  private static final EestFixtureBlock BLOCK = RecordedEestBlocks.all().get(0);

  @Test
  void decodesTheHeaderTheFixtureDescribes() {
    final AmsterdamBlock block = AmsterdamBlock.decode(BLOCK.blockRlp());

    assertThat(block.number()).isEqualTo(1);
    assertThat(block.transactions()).isNotEmpty();
    assertThat(block.withdrawals()).isEmpty();
    assertThat(block.requestsHash())
        .as("EIP-7685 hash of no requests: sha256 of nothing")
        .isEqualTo(RequestsHash.of(ExecutionRequests.EMPTY));
  }

  @Test
  void rejectsABlockAccessListTheHeaderDoesNotCommitTo() {
    final AmsterdamBlock block = AmsterdamBlock.decode(BLOCK.blockRlp());

    assertThatThrownBy(
            () ->
                NewPayloadRequestBuilder.fromBlock(
                    block, ImmutableBytes.of(new byte[] {(byte) 0xc0}), ExecutionRequests.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block access list");
  }

  @Test
  void rejectsRequestsTheHeaderDoesNotCommitTo() {
    final AmsterdamBlock block = AmsterdamBlock.decode(BLOCK.blockRlp());
    final ImmutableBytes accessList =
        ImmutableBytes.of(EestBlockAccessLists.rlp(BLOCK.blockAccessList()));
    final ExecutionRequests oneWithdrawal =
        new ExecutionRequests(
            List.of(),
            List.of(
                new ExecutionRequests.WithdrawalRequest(
                    ImmutableBytes.of(new byte[20]), ImmutableBytes.of(new byte[48]), 5)),
            List.of(),
            List.of(),
            List.of());

    assertThatThrownBy(() -> NewPayloadRequestBuilder.fromBlock(block, accessList, oneWithdrawal))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("execution requests");
  }

  @Test
  void truncatedOrPadddedBlockRlpIsADecodeError() {
    final byte[] rlp = BLOCK.blockRlp();
    final byte[] padded = Arrays.copyOf(rlp, rlp.length + 1);

    assertThatThrownBy(() -> AmsterdamBlock.decode(Arrays.copyOf(rlp, rlp.length - 1)))
        .isInstanceOf(RlpDecodeException.class);
    assertThatThrownBy(() -> AmsterdamBlock.decode(padded)).isInstanceOf(RlpDecodeException.class);
  }

  @Test
  void versionedHashesComeFromBlobTransactionsInOrder() {
    final Bytes32 first = Bytes32.fromHex("01" + "aa".repeat(31));
    final Bytes32 second = Bytes32.fromHex("01" + "bb".repeat(31));
    final ImmutableBytes blobTx = blobTransaction(first, second);
    final ImmutableBytes legacyTx =
        ImmutableBytes.of(RlpWriter.encodeList(RlpWriter.encodeLong(1)));

    assertThat(BlobVersionedHashes.of(List.of(legacyTx, blobTx))).containsExactly(first, second);
  }

  /**
   * An EIP-4844 transaction: {@code 0x03 || rlp([chain_id, ..., blob_versioned_hashes, y, r, s])}.
   */
  private static ImmutableBytes blobTransaction(final Bytes32... hashes) {
    final byte[][] encodedHashes = new byte[hashes.length][];
    for (int i = 0; i < hashes.length; i++) {
      encodedHashes[i] = RlpWriter.encodeBytes(hashes[i].toArray());
    }
    final byte[] payload =
        RlpWriter.encodeList(
            RlpWriter.encodeLong(1),
            RlpWriter.encodeLong(0),
            RlpWriter.encodeLong(1),
            RlpWriter.encodeLong(10),
            RlpWriter.encodeLong(21_000),
            RlpWriter.encodeBytes(new byte[20]),
            RlpWriter.encodeLong(0),
            RlpWriter.encodeBytes(new byte[0]),
            RlpWriter.encodeList(),
            RlpWriter.encodeLong(1),
            RlpWriter.encodeList(encodedHashes),
            RlpWriter.encodeLong(0),
            RlpWriter.encodeBytes(new byte[32]),
            RlpWriter.encodeBytes(new byte[32]));
    final byte[] typed = new byte[payload.length + 1];
    typed[0] = 0x03;
    System.arraycopy(payload, 0, typed, 1, payload.length);
    return ImmutableBytes.of(typed);
  }
}

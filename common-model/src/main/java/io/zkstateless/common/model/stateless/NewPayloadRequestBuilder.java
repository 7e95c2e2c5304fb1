package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;

/**
 * Builds the {@link NewPayloadRequest} of a block. Where each value comes from:
 *
 * <ul>
 *   <li>payload fields, transactions, withdrawals: the block RLP ({@code debug_getRawBlock});
 *       {@code block_hash} is the keccak of the header RLP, {@code slot_number} the Amsterdam
 *       header field;
 *   <li>{@code block_access_list}: supplied separately (the Amsterdam block body does not carry
 *       it); checked against the header's {@code block_access_list_hash};
 *   <li>{@code versioned_hashes}: the blob transactions' {@code blob_versioned_hashes}, in block
 *       order (the consensus layer derives the same list from the KZG commitments);
 *   <li>{@code parent_beacon_block_root}: the header field, which the execution layer took from
 *       {@code engine_newPayload};
 *   <li>{@code execution_requests}: supplied by the consensus side; checked against the header's
 *       {@code requests_hash}.
 * </ul>
 */
public final class NewPayloadRequestBuilder {

  private NewPayloadRequestBuilder() {}

  /**
   * @throws IllegalArgumentException if the block access list or the requests do not hash to what
   *     the header commits to
   * @throws io.zkstateless.common.model.rlp.RlpDecodeException if a blob transaction is malformed
   */
  public static NewPayloadRequest fromBlock(
      final AmsterdamBlock block,
      final ImmutableBytes blockAccessList,
      final ExecutionRequests requests) {
    final Bytes32 accessListHash = Hashes.keccak256(blockAccessList.toArray());
    if (!accessListHash.equals(block.blockAccessListHash())) {
      throw new IllegalArgumentException(
          "block access list hashes to "
              + accessListHash
              + ", header of block "
              + block.number()
              + " commits to "
              + block.blockAccessListHash());
    }
    final Bytes32 requestsHash = RequestsHash.of(requests);
    if (!requestsHash.equals(block.requestsHash())) {
      throw new IllegalArgumentException(
          "execution requests hash to "
              + requestsHash
              + ", header of block "
              + block.number()
              + " commits to "
              + block.requestsHash());
    }
    final ExecutionPayload payload =
        new ExecutionPayload(
            block.parentHash(),
            block.coinbase(),
            block.stateRoot(),
            block.receiptsRoot(),
            block.logsBloom(),
            block.prevRandao(),
            block.number(),
            block.gasLimit(),
            block.gasUsed(),
            block.timestamp(),
            block.extraData(),
            block.baseFeePerGas(),
            block.blockHash(),
            block.transactions(),
            block.withdrawals(),
            block.blobGasUsed(),
            block.excessBlobGas(),
            blockAccessList,
            block.slotNumber());
    return new NewPayloadRequest(
        payload,
        BlobVersionedHashes.of(block.transactions()),
        block.parentBeaconBlockRoot(),
        requests);
  }
}

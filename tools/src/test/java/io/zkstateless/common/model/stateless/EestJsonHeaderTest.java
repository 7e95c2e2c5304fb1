package io.zkstateless.common.model.stateless;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.tools.EestFixtureBlock;
import io.zkstateless.tools.EestStatelessInputs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The JSON path: an execution payload assembled from the fixture's {@code blockHeader} and {@code
 * withdrawals} JSON (as a prover would map an RPC answer) must equal the one decoded from the block
 * RLP. The fixture's JSON transactions carry no raw bytes, so transactions come from the RLP in
 * both; this checks every header-derived field and the keccak block hash against the JSON.
 */
class EestJsonHeaderTest {

  @Test
  void headerJsonAndBlockRlpGiveTheSamePayload() {
    final List<EestFixtureBlock> blocks = RecordedEestBlocks.all();
    for (final EestFixtureBlock block : blocks) {
      final ExecutionPayload fromRlp =
          EestStatelessInputs.build(block).newPayloadRequest().executionPayload();

      assertThat(fromJson(block.json(), fromRlp)).as(block.toString()).isEqualTo(fromRlp);
      assertThat(hash(block.json().get("blockHeader"), "parentBeaconBlockRoot"))
          .isEqualTo(AmsterdamBlock.decode(block.blockRlp()).parentBeaconBlockRoot());
    }
    assertThat(blocks).hasSize(15);
  }

  private static ExecutionPayload fromJson(final JsonNode block, final ExecutionPayload rlp) {
    final JsonNode h = block.get("blockHeader");
    return new ExecutionPayload(
        hash(h, "parentHash"),
        bytes(h, "coinbase"),
        hash(h, "stateRoot"),
        hash(h, "receiptTrie"),
        bytes(h, "bloom"),
        hash(h, "mixHash"),
        quantity(h, "number").longValueExact(),
        quantity(h, "gasLimit").longValueExact(),
        quantity(h, "gasUsed").longValueExact(),
        quantity(h, "timestamp").longValueExact(),
        bytes(h, "extraData"),
        quantity(h, "baseFeePerGas"),
        hash(h, "hash"),
        rlp.transactions(),
        withdrawals(block.get("withdrawals")),
        quantity(h, "blobGasUsed").longValueExact(),
        quantity(h, "excessBlobGas").longValueExact(),
        rlp.blockAccessList(),
        quantity(h, "slotNumber").longValueExact());
  }

  private static List<Withdrawal> withdrawals(final JsonNode array) {
    final List<Withdrawal> out = new ArrayList<>();
    for (final JsonNode w : array) {
      out.add(
          new Withdrawal(
              quantity(w, "index").longValue(),
              quantity(w, "validatorIndex").longValue(),
              bytes(w, "address"),
              quantity(w, "amount").longValue()));
    }
    return out;
  }

  private static Bytes32 hash(final JsonNode node, final String field) {
    return Bytes32.fromHex(node.get(field).asString());
  }

  private static ImmutableBytes bytes(final JsonNode node, final String field) {
    return ImmutableBytes.fromHex(node.get(field).asString());
  }

  private static BigInteger quantity(final JsonNode node, final String field) {
    return new BigInteger(node.get(field).asString().substring(2), 16);
  }
}

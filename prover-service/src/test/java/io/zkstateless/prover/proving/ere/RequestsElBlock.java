package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.common.model.rlp.RlpReader;
import io.zkstateless.common.model.rlp.RlpWriter;
import io.zkstateless.common.model.stateless.AmsterdamBlock;
import io.zkstateless.common.model.stateless.ExecutionRequests;
import io.zkstateless.common.model.stateless.RequestsHash;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real EEST Amsterdam block made to carry execution requests: none of the recorded fixtures has
 * any (every {@code requestsHash} is {@code sha256("")}), so the header's {@code requests_hash} is
 * set to the hash of {@code requests} and the block re-encoded, which gives it a new block hash.
 * Witness, transactions and access list stay the fixture's (the fake ere-server does not execute).
 */
record RequestsElBlock(EestElBlock base, byte[] rlp, Bytes32 hash, AmsterdamBlock decoded) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int REQUESTS_HASH_INDEX = 20;

  static RequestsElBlock of(final EestElBlock base, final ElectraExecutionRequests requests) {
    final Bytes32 requestsHash =
        RequestsHash.of(
            new ExecutionRequests(
                requests.deposits(),
                requests.withdrawals(),
                requests.consolidations(),
                List.of(),
                List.of()));
    final RlpReader top = RlpReader.of(base.block().blockRlp());
    final RlpReader block = top.readList();
    final RlpReader header = RlpReader.of(block.readRaw()).readList();
    final List<byte[]> fields = new ArrayList<>();
    while (header.hasNext()) {
      fields.add(header.readRaw());
    }
    fields.set(REQUESTS_HASH_INDEX, RlpWriter.encodeBytes(requestsHash.toArray()));
    final byte[] headerRlp = RlpWriter.encodeList(fields);
    final List<byte[]> items = new ArrayList<>(List.of(headerRlp));
    while (block.hasNext()) {
      items.add(block.readRaw());
    }
    final byte[] rlp = RlpWriter.encodeList(items);
    return new RequestsElBlock(base, rlp, Hashes.keccak256(headerRlp), AmsterdamBlock.decode(rlp));
  }

  /** Serves it as {@link EestElBlock#serveOn} serves the fixture block, under its new hash. */
  FixtureExecutionClient serveOn(final FixtureExecutionClient el) {
    final JsonNode header =
        JSON.readTree(
            "{\"hash\":\""
                + hash.toHexString()
                + "\",\"number\":\"0x"
                + Long.toHexString(decoded.number())
                + "\"}");
    el.serve(FixtureBlock.of(header, Hex.encode(rlp), base.block().json().path("executionWitness")));
    el.chainConfig(JSON.readTree("{\"chainId\":" + base.block().chainId() + "}"));
    return el.serveBlockAccessList(hash.toHexString(), base.accessListHex());
  }
}

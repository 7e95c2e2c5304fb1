package io.zkstateless.prover.proving.zkboost;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.electra.ElectraExecutionPayload;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.common.model.electra.ElectraNewPayloadRequest;
import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.common.model.electra.KzgVersionedHash;
import io.zkstateless.common.model.stateless.Withdrawal;
import io.zkstateless.common.test.zkboost.FakeZkboostServer;
import io.zkstateless.prover.config.WorkerProperties;
import io.zkstateless.prover.jobs.BlockRef;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A zkboost fake that decodes requests with our schema, and the requests the tests prove. */
final class ZkboostFixtures {

  static final String TYPE = "reth-sp1";
  static final Bytes32 BEACON_ROOT = Bytes32.fromHex("0x" + "be".repeat(32));

  private ZkboostFixtures() {}

  /** Decodes strictly (400 on anything else) and answers the root, as zkboost does. */
  static FakeZkboostServer server(final int cacheSize) throws IOException {
    return new FakeZkboostServer(
        Set.of(TYPE, "ethrex-zisk"),
        body -> ElectraSchemas.MAINNET.newPayloadRequestRoot(ElectraSchemas.MAINNET.decode(body))
            .toHexString(),
        cacheSize,
        Duration.ofMillis(50));
  }

  static ElectraNewPayloadRequest request(final long blockNumber) {
    final ElectraExecutionPayload payload =
        new ElectraExecutionPayload(
            Bytes32.fromHex("0x" + "01".repeat(32)),
            ImmutableBytes.fromHex("0x" + "02".repeat(20)),
            Bytes32.fromHex("0x" + "03".repeat(32)),
            Bytes32.fromHex("0x" + "04".repeat(32)),
            ImmutableBytes.of(new byte[256]),
            Bytes32.fromHex("0x" + "05".repeat(32)),
            blockNumber,
            36_000_000,
            12_000_000,
            1_750_000_000,
            ImmutableBytes.fromHex("0x6265617665726275696c64"),
            BigInteger.valueOf(1_000_000_007),
            blockHash(blockNumber),
            List.of(ImmutableBytes.fromHex("0x02f8010203"), ImmutableBytes.fromHex("0xf86c0a")),
            List.of(new Withdrawal(1, 2, ImmutableBytes.fromHex("0x" + "06".repeat(20)), 3)),
            131_072,
            0);
    return new ElectraNewPayloadRequest(
        payload,
        List.of(KzgVersionedHash.of(ImmutableBytes.of(new byte[48]))),
        BEACON_ROOT,
        ElectraExecutionRequests.EMPTY);
  }

  static Bytes32 blockHash(final long blockNumber) {
    final byte[] hash = new byte[32];
    hash[0] = (byte) 0xb1;
    hash[31] = (byte) blockNumber;
    return Bytes32.wrap(hash);
  }

  static BlockRef block(final long blockNumber) {
    return new BlockRef(blockHash(blockNumber), blockNumber, blockNumber + 100, BEACON_ROOT, 0);
  }

  static String root(final long blockNumber) {
    return ElectraSchemas.MAINNET.newPayloadRequestRoot(request(blockNumber)).toHexString();
  }

  static WorkerProperties.Zkboost config(final URI url, final Duration proofTimeout) {
    return new WorkerProperties.Zkboost(
        url, TYPE, Duration.ofSeconds(2), proofTimeout, Duration.ofSeconds(5),
        Duration.ofMillis(20), 1024 * 1024);
  }
}

package io.zkstateless.broadcaster.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.fork.ForkDigest;
import io.zkstateless.common.p2p.eth2.reqresp.Status;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BroadcasterStatusSourceTest {

  private static final ForkDigest DIGEST = ForkDigest.fromHex("0xbfe0d3f4");
  private static final Status AT_GENESIS =
      new Status(ImmutableBytes.fromHex("bfe0d3f4"), Bytes32.ZERO, 0, Bytes32.ZERO, 0);
  private static final String GENESIS = "0x" + "11".repeat(32);
  private static final String BLOCK_96 = "0x" + "44".repeat(32);

  @Test
  void withoutABeaconNodeTellsTheForkDigestAndZeroRootsAndEpochs() {
    try (BroadcasterStatusSource source =
        new BroadcasterStatusSource(() -> DIGEST, Optional.empty(), Duration.ofSeconds(1))) {
      source.start(Duration.ofMillis(100));
      assertThat(source.get()).isEqualTo(AT_GENESIS);
    }
  }

  @Test
  void mirrorsTheBeaconNodesHeadAndFinalityAndKeepsThemWhenItFails() throws Exception {
    final ScriptedBeaconNode beacon =
        new ScriptedBeaconNode(
            new ScriptedBeaconNode.Block(GENESIS, 0, Bytes32.ZERO.toHexString(), "0x" + "22".repeat(32), 0));
    try (BroadcasterStatusSource source =
        new BroadcasterStatusSource(() -> DIGEST, Optional.of(beacon.url()), Duration.ofSeconds(2))) {
      beacon.addBlockSilently(new ScriptedBeaconNode.Block(BLOCK_96, 96, GENESIS, "0x" + "55".repeat(32), 96));
      beacon.setHeadSilently(BLOCK_96);
      beacon.finalize(BLOCK_96);
      source.poll();
      final Status mirrored =
          new Status(ImmutableBytes.fromHex("bfe0d3f4"), Bytes32.fromHex(BLOCK_96), 3, Bytes32.fromHex(BLOCK_96), 96);
      assertThat(source.get()).isEqualTo(mirrored);
      beacon.setHeadSilently("0x" + "99".repeat(32)); // unknown: headers/head answers 404
      source.poll();
      assertThat(source.get()).isEqualTo(mirrored);
    } finally {
      beacon.close();
    }
  }

  @Test
  void anUnreachableBeaconNodeLeavesTheGenesisStatus() {
    try (BroadcasterStatusSource source =
        new BroadcasterStatusSource(
            () -> DIGEST, Optional.of(URI.create("http://127.0.0.1:1/")), Duration.ofSeconds(1))) {
      source.poll();
      assertThat(source.get()).isEqualTo(AT_GENESIS);
    }
  }
}

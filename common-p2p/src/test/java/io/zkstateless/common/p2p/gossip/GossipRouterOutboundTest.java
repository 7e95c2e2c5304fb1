package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** gossipsub v1.1's D_out (2 for eth2): meshes keep peers we dialled, against scripted peers. */
class GossipRouterOutboundTest {

  private static final String TOPIC = "/eth2/bfe0d3f4/beacon_block/ssz_snappy";
  private static final List<PeerId> PEERS =
      IntStream.range(0, 14)
          .mapToObj(i -> PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey()))
          .toList();

  private final List<PeerId> graftsTo = new ArrayList<>();
  private final List<PeerId> prunesTo = new ArrayList<>();
  private GossipRouter router;

  @BeforeEach
  void setUp() {
    router =
        new GossipRouter(
            GossipParams.ETH2,
            GossipRouterTest::sha256Id,
            (from, message) -> CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT),
            (id, message) -> {},
            (peer, rpc) -> {
              if (!rpc.control().graft().isEmpty()) {
                graftsTo.add(peer);
              }
              if (!rpc.control().prune().isEmpty()) {
                prunesTo.add(peer);
              }
            },
            () -> Instant.EPOCH);
    router.subscribe(TOPIC);
  }

  @Test
  void aMeshAtDHighTakesGraftsOnlyFromOutboundPeers() {
    connect(PEERS.subList(0, 14));
    router.setOutbound(PEERS.get(13), true);
    PEERS.subList(0, 12).forEach(this::graft);
    assertThat(router.meshPeers(TOPIC)).hasSize(GossipParams.ETH2.dHigh());
    assertThat(prunesTo).isEmpty();

    graft(PEERS.get(12));
    assertThat(prunesTo).containsExactly(PEERS.get(12));
    assertThat(router.meshPeers(TOPIC)).doesNotContain(PEERS.get(12));

    graft(PEERS.get(13));
    assertThat(router.meshPeers(TOPIC)).hasSize(13).contains(PEERS.get(13));
  }

  /** Repeated: the peers kept when trimming are otherwise picked at random. */
  @RepeatedTest(10)
  void trimmingAMeshAboveDHighKeepsDOutOutboundPeers() {
    connect(PEERS);
    router.setOutbound(PEERS.get(12), true);
    router.setOutbound(PEERS.get(13), true);
    PEERS.forEach(this::graft);
    assertThat(router.meshPeers(TOPIC)).hasSize(14);

    router.heartbeat();

    assertThat(router.meshPeers(TOPIC))
        .hasSize(GossipParams.ETH2.d())
        .contains(PEERS.get(12), PEERS.get(13));
    assertThat(prunesTo).hasSize(6).doesNotContain(PEERS.get(12), PEERS.get(13));
  }

  @Test
  void theHeartbeatGraftsOutboundPeersIntoAMeshOfInboundOnes() {
    connect(PEERS.subList(0, 8));
    router.heartbeat();
    assertThat(router.meshPeers(TOPIC)).containsExactlyInAnyOrderElementsOf(PEERS.subList(0, 8));
    connect(PEERS.subList(8, 11));
    PEERS.subList(8, 11).forEach(p -> router.setOutbound(p, true));
    // One of them asked us to back off: it is not grafted however short of D_out we are.
    router.onRpc(
        PEERS.get(10),
        control(
            new Control(
                List.of(),
                List.of(),
                List.of(),
                List.of(new Prune(TOPIC, List.of(), Optional.of(60L))),
                List.of())));
    graftsTo.clear();

    router.heartbeat();

    assertThat(graftsTo).containsExactlyInAnyOrder(PEERS.get(8), PEERS.get(9));
    assertThat(router.meshPeers(TOPIC)).hasSize(10).contains(PEERS.get(8), PEERS.get(9));
    graftsTo.clear();
    router.heartbeat();
    assertThat(graftsTo).as("the quota is met: nothing more to graft").isEmpty();
  }

  private void connect(final List<PeerId> peers) {
    for (final PeerId p : peers) {
      router.onOutboundStream(p);
      router.onRpc(p, GossipRpc.of(List.of(new Subscription(true, TOPIC))));
    }
  }

  private void graft(final PeerId peer) {
    router.onRpc(
        peer,
        control(new Control(List.of(), List.of(), List.of(new Graft(TOPIC)), List.of(), List.of())));
  }

  private static GossipRpc control(final Control control) {
    return new GossipRpc(List.of(), List.of(), control);
  }
}

package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboundQuotaTest {

  private static final List<PeerId> P =
      IntStream.range(0, 10)
          .mapToObj(i -> PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey()))
          .toList();

  @Test
  void swapsTheLastInboundPeersOfTheSelectionForTheNextOutboundOnes() {
    final Set<PeerId> outbound = Set.of(P.get(7), P.get(9));
    assertThat(OutboundQuota.select(P, 4, 2, outbound::contains))
        .containsExactly(P.get(0), P.get(1), P.get(9), P.get(7));
  }

  @Test
  void keepsTheSelectionWhenItHoldsEnoughOutboundPeers() {
    final Set<PeerId> outbound = Set.of(P.get(0), P.get(3), P.get(8));
    assertThat(OutboundQuota.select(P, 4, 2, outbound::contains)).isEqualTo(P.subList(0, 4));
  }

  @Test
  void takesWhatOutboundPeersThereAreWhenFewerThanDOut() {
    final Set<PeerId> outbound = Set.of(P.get(5));
    assertThat(OutboundQuota.select(P, 3, 2, outbound::contains))
        .containsExactly(P.get(0), P.get(1), P.get(5));
    assertThat(OutboundQuota.select(P, 3, 2, p -> false)).isEqualTo(P.subList(0, 3));
  }

  @Test
  void neverSwapsOutAnOutboundPeer() {
    final Set<PeerId> outbound = Set.of(P.get(0), P.get(1), P.get(6));
    assertThat(OutboundQuota.select(P, 2, 3, outbound::contains)).isEqualTo(P.subList(0, 2));
  }

  @Test
  void countsTheOutboundPeersAMeshLacks() {
    final Set<PeerId> outbound = Set.of(P.get(1));
    assertThat(OutboundQuota.missing(P.subList(0, 5), 2, outbound::contains)).isEqualTo(1);
    assertThat(OutboundQuota.missing(P.subList(2, 5), 2, outbound::contains)).isEqualTo(2);
    assertThat(OutboundQuota.missing(P.subList(0, 5), 0, outbound::contains)).isZero();
  }
}

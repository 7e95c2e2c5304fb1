package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three Java nodes in a line (A - B - C): a message from A reaches C through B's mesh. */
class GossipsubIntegrationTest {

  private static final String TOPIC = "/eth2/bfe0d3f4/execution_proof_0/ssz_snappy";

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<Host> hosts = new ArrayList<>();
  private final List<BlockingQueue<byte[]>> inboxes = new ArrayList<>();
  private final List<Gossipsub> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    nodes.forEach(Gossipsub::close);
    hosts.forEach(Host::close);
  }

  @Test
  void forwardsThroughTheMiddleNodeExactlyOnce() throws Exception {
    for (int i = 0; i < 3; i++) {
      start();
    }
    final Multiaddr b = hosts.get(1).listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get();
    hosts.get(0).dial(b).get(5, TimeUnit.SECONDS);
    hosts.get(2).dial(b).get(5, TimeUnit.SECONDS);
    // B must have both neighbours in its mesh before A publishes.
    for (int i = 0; i < 100 && nodes.get(1).router().meshPeers(TOPIC).size() < 2; i++) {
      Thread.sleep(50);
    }
    assertThat(nodes.get(1).router().meshPeers(TOPIC))
        .containsExactlyInAnyOrder(hosts.get(0).peerId(), hosts.get(2).peerId());

    nodes.get(0).router().publish(TOPIC, new byte[] {1, 2, 3});
    assertThat(inboxes.get(1).poll(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    assertThat(inboxes.get(2).poll(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    // Neither a second copy at C nor an echo back to A.
    assertThat(inboxes.get(2).poll(1500, TimeUnit.MILLISECONDS)).isNull();
    assertThat(inboxes.get(0)).isEmpty();
  }

  @Test
  void knowsWhichPeersItDialledForTheOutboundMeshQuota() throws Exception {
    start();
    start();
    final Multiaddr b = hosts.get(1).listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get();
    final Connection connection = hosts.get(0).dial(b).get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 100 && nodes.get(1).router().topicPeerCount(TOPIC) < 1; i++) {
      Thread.sleep(50);
    }
    assertThat(nodes.get(0).router().isOutbound(hosts.get(1).peerId())).isTrue();
    assertThat(nodes.get(1).router().isOutbound(hosts.get(0).peerId())).isFalse();

    connection.close();
    connection.closeFuture().get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 100 && nodes.get(0).router().isOutbound(hosts.get(1).peerId()); i++) {
      Thread.sleep(50);
    }
    assertThat(nodes.get(0).router().isOutbound(hosts.get(1).peerId())).isFalse();
  }

  private void start() {
    final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    final Gossipsub gossipsub =
        new Gossipsub(
            GossipParams.ETH2,
            RpcLimits.ETH2,
            GossipsubIntegrationTest::sha256Id,
            GossipValidator.ACCEPT_ALL,
            (id, message) -> inbox.add(message.data()),
            Clock.systemUTC());
    gossipsub.router().subscribe(TOPIC);
    final Host host =
        new Host(
            HostConfig.of(Secp256k1PrivateKey.generate(), List.of(gossipsub.protocolHandler())));
    gossipsub.attach(host, scheduler);
    hosts.add(host);
    nodes.add(gossipsub);
    inboxes.add(inbox);
  }

  private static MessageId sha256Id(final GossipMessage message) {
    try {
      return MessageId.of(
          Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(message.data()), 20));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

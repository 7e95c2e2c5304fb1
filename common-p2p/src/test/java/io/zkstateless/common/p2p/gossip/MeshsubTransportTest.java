package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.mux.MuxedStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two Java hosts exchanging gossipsub RPCs, each on its own outbound stream. */
class MeshsubTransportTest {

  private final BlockingQueue<String> atBob = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> atAlice = new LinkedBlockingQueue<>();
  private final CompletableFuture<PeerId> bobReady = new CompletableFuture<>();
  private Host alice;
  private Host bob;

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
  }

  @Test
  void eachSideWritesOnItsOwnStreamAndReadsThePeers() throws Exception {
    final MeshsubTransport aliceGossip =
        new MeshsubTransport(RpcLimits.ETH2, (from, rpc) -> atAlice.add(describe(rpc)));
    final MeshsubTransport bobGossip =
        new MeshsubTransport(
            RpcLimits.ETH2,
            new MeshsubTransport.RpcListener() {
              @Override
              public void onRpc(final PeerId from, final GossipRpc rpc) {
                atBob.add(describe(rpc));
              }

              @Override
              public void onOutboundStream(final PeerId peer) {
                bobReady.complete(peer);
              }
            });
    alice = new Host(HostConfig.of(Secp256k1PrivateKey.generate(), List.of(aliceGossip)));
    bob = new Host(HostConfig.of(Secp256k1PrivateKey.generate(), List.of(bobGossip)));
    alice.addConnectionListener(aliceGossip::onConnection);
    bob.addConnectionListener(bobGossip::onConnection);
    final Multiaddr address = bob.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get();
    alice.dial(address).get(5, TimeUnit.SECONDS);

    // Bob opens his own stream to Alice too, as soon as the connection is up.
    assertThat(bobReady.get(5, TimeUnit.SECONDS)).isEqualTo(alice.peerId());
    for (int i = 0; i < 200 && !aliceGossip.peers().contains(bob.peerId()); i++) {
      Thread.sleep(10);
    }
    aliceGossip
        .send(bob.peerId(), GossipRpc.of(List.of(new Subscription(true, "/a"))))
        .get(5, TimeUnit.SECONDS);
    bobGossip
        .send(
            alice.peerId(),
            new GossipRpc(
                List.of(), List.of(GossipMessage.unsigned("/a", new byte[] {42})), Control.EMPTY))
        .get(5, TimeUnit.SECONDS);
    assertThat(atBob.poll(5, TimeUnit.SECONDS)).isEqualTo("sub /a");
    assertThat(atAlice.poll(5, TimeUnit.SECONDS)).isEqualTo("msg /a 1");
  }

  @Test
  void malformedRpcsAndOversizeLengthsAreReportedBeforeTheStreamIsReset() throws Exception {
    final BlockingQueue<String> malformed = new LinkedBlockingQueue<>();
    final MeshsubTransport bobGossip =
        new MeshsubTransport(
            RpcLimits.ETH2,
            new MeshsubTransport.RpcListener() {
              @Override
              public void onRpc(final PeerId from, final GossipRpc rpc) {
                atBob.add(describe(rpc));
              }

              @Override
              public void onMalformedRpc(final PeerId from, final DecodeException problem) {
                malformed.add(from + " " + problem.getMessage());
              }
            });
    // Alice speaks meshsub but never opens her own RPC stream: the test writes raw bytes instead.
    alice =
        new Host(
            HostConfig.of(
                Secp256k1PrivateKey.generate(),
                List.of(new MeshsubTransport(RpcLimits.ETH2, (from, rpc) -> {}))));
    bob = new Host(HostConfig.of(Secp256k1PrivateKey.generate(), List.of(bobGossip)));
    final Multiaddr address = bob.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get();
    final Connection connection = alice.dial(address).get(5, TimeUnit.SECONDS);

    // Length 3, then three bytes that are not a protobuf (field 0 is invalid).
    writeRaw(connection, new byte[] {3, 0, 0, 0});
    assertThat(malformed.poll(5, TimeUnit.SECONDS)).startsWith(alice.peerId().toString());
    // A length prefix far beyond the RPC limit, on a fresh stream: refused before buffering.
    writeRaw(connection, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f});
    assertThat(malformed.poll(5, TimeUnit.SECONDS)).contains("exceeds");
    assertThat(atBob).isEmpty();
  }

  private static void writeRaw(final Connection connection, final byte[] bytes) throws Exception {
    final MuxedStream stream =
        connection
            .openStream(MeshsubTransport.PROTOCOL_ID, (s, data) -> data.release())
            .get(5, TimeUnit.SECONDS);
    stream.write(Unpooled.wrappedBuffer(bytes)).get(5, TimeUnit.SECONDS);
  }

  private static String describe(final GossipRpc rpc) {
    if (!rpc.subscriptions().isEmpty()) {
      return "sub " + rpc.subscriptions().get(0).topic();
    }
    return "msg " + rpc.messages().get(0).topic() + " " + rpc.messages().get(0).data().length;
  }
}

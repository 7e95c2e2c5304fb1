package io.zkstateless.common.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.zkstateless.common.p2p.crypto.KeyProtobuf;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.identify.IdentifyMessage;
import io.zkstateless.common.p2p.mplex.MplexSession;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.multiformats.MultiaddrProtocol;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import io.zkstateless.common.p2p.ping.PingProtocol;
import io.zkstateless.common.p2p.yamux.YamuxSession;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two Java hosts on loopback sockets: the full TCP → Noise → yamux → protocol stack. */
class HostPingIntegrationTest {

  private Host alice;
  private Host bob;
  private Multiaddr bobAddress;

  @BeforeEach
  void start() throws Exception {
    alice =
        new Host(
            HostConfig.of(
                Secp256k1PrivateKey.generate(), List.of(new PingProtocol(), new EchoProtocol())));
    bob =
        new Host(
            new HostConfig(
                Secp256k1PrivateKey.generate(),
                List.of(new PingProtocol(), new EchoProtocol()),
                Duration.ofSeconds(2),
                2,
                1,
                HostConfig.DEFAULT_MUXERS));
    bobAddress = bob.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
  }

  @Test
  void dialsUpgradesAndPingsBothWays() throws Exception {
    assertThat(bobAddress.valueOf(MultiaddrProtocol.TCP).orElseThrow()).isNotEqualTo("0");
    final Connection connection =
        alice.dial(bobAddress.withPeerId(bob.peerId())).get(5, TimeUnit.SECONDS);
    assertThat(connection.remotePeerId()).isEqualTo(bob.peerId());
    assertThat(connection.isOutbound()).isTrue();
    assertThat(connection.muxerProtocol()).isEqualTo(YamuxSession.PROTOCOL_ID);
    final Duration rtt = PingProtocol.ping(connection).get(5, TimeUnit.SECONDS);
    assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(5));

    final Connection inbound = awaitSingleConnection(bob);
    assertThat(inbound.remotePeerId()).isEqualTo(alice.peerId());
    assertThat(inbound.isOutbound()).isFalse();
    assertThat(PingProtocol.ping(inbound).get(5, TimeUnit.SECONDS)).isPositive();
  }

  @Test
  void listensDialsAndPingsOverIpv6Loopback() throws Exception {
    final Multiaddr ipv6;
    try {
      ipv6 = bob.listen(Multiaddr.fromString("/ip6/::1/tcp/0")).get(5, TimeUnit.SECONDS);
    } catch (final ExecutionException e) {
      // Some containers run without IPv6; that is the machine, not the stack.
      Assumptions.abort("no IPv6 loopback here: " + e.getCause());
      return;
    }
    assertThat(ipv6.toString()).startsWith("/ip6/::1/tcp/");
    final Connection connection =
        alice.dial(ipv6.withPeerId(bob.peerId())).get(5, TimeUnit.SECONDS);
    assertThat(connection.remotePeerId()).isEqualTo(bob.peerId());
    assertThat(PingProtocol.ping(connection).get(5, TimeUnit.SECONDS)).isPositive();
    final IdentifyMessage bobSays = IdentifyProtocol.request(connection).get(5, TimeUnit.SECONDS);
    assertThat(bobSays.observedAddr().orElseThrow().toString()).startsWith("/ip6/::1/tcp/");
  }

  @Test
  void echoesALargeMessageOverAnApplicationStream() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    final byte[] data = new byte[1_000_000];
    new Random(7).nextBytes(data);
    // Four times the yamux window and many Noise frames each way.
    assertThat(EchoProtocol.roundTrip(connection, data, 10)).isEqualTo(data);
  }

  @Test
  void identifiesTheRemoteHost() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    final IdentifyMessage bobSays = IdentifyProtocol.request(connection).get(5, TimeUnit.SECONDS);
    assertThat(PeerId.fromPublicKey(KeyProtobuf.decodePublic(bobSays.publicKey())))
        .isEqualTo(bob.peerId());
    assertThat(bobSays.protocols())
        .containsExactly(
            IdentifyProtocol.PROTOCOL_ID, PingProtocol.PROTOCOL_ID, EchoProtocol.PROTOCOL_ID);
    assertThat(bobSays.listenAddrs()).containsExactly(bobAddress);
    assertThat(bobSays.agentVersion()).isEqualTo(IdentifyProtocol.AGENT_VERSION);
    // Bob saw Alice's ephemeral port on loopback.
    assertThat(bobSays.observedAddr().orElseThrow().toString()).startsWith("/ip4/127.0.0.1/tcp/");
  }

  @Test
  void fallsBackToMplexWhenTheDialerOffersOnlyThat() throws Exception {
    try (Host mplexOnly =
        new Host(
            HostConfig.of(Secp256k1PrivateKey.generate(), List.of(new EchoProtocol()))
                .withMuxers(List.of(MplexSession.PROTOCOL_ID)))) {
      final Connection connection = mplexOnly.dial(bobAddress).get(5, TimeUnit.SECONDS);
      assertThat(connection.muxerProtocol()).isEqualTo(MplexSession.PROTOCOL_ID);
      assertThat(PingProtocol.ping(connection).get(5, TimeUnit.SECONDS)).isPositive();
      final byte[] data = new byte[1_500_000];
      new Random(3).nextBytes(data);
      assertThat(EchoProtocol.roundTrip(connection, data, 10)).isEqualTo(data);
    }
  }

  @Test
  void resetsInboundStreamsThatNeverChooseAProtocol() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    final CompletableFuture<Void> reset = new CompletableFuture<>();
    connection
        .openRawStream(
            new StreamHandler() {
              @Override
              public void onData(final MuxedStream stream, final ByteBuf data) {}

              @Override
              public void onReset(final MuxedStream stream) {
                reset.complete(null);
              }
            })
        .get(5, TimeUnit.SECONDS);
    // Bob's limit is its 2 s upgrade timeout; the connection itself stays up.
    reset.get(5, TimeUnit.SECONDS);
    assertThat(PingProtocol.ping(connection).get(5, TimeUnit.SECONDS)).isPositive();
  }

  @Test
  void refusesAPeerOtherThanTheOneDialled() {
    final PeerId impostor = PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
    assertThatThrownBy(() -> alice.dial(bobAddress.withPeerId(impostor)).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("dialled " + impostor + " but the peer is " + bob.peerId());
  }

  @Test
  void unknownProtocolsAreRefusedWithoutHurtingTheConnection() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(
            () -> connection.openStream("/nope/1", (s, d) -> {}).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("supports none of [/nope/1]");
    assertThat(PingProtocol.ping(connection).get(5, TimeUnit.SECONDS)).isPositive();
  }

  @Test
  void closesConnectionsThatSendGarbageOrStall() throws Exception {
    final int port = Integer.parseInt(bobAddress.valueOf(MultiaddrProtocol.TCP).orElseThrow());
    try (Socket garbage = new Socket("127.0.0.1", port)) {
      garbage.setSoTimeout(5000);
      final OutputStream out = garbage.getOutputStream();
      out.write(new byte[] {0x13, '/', 'n', 'o', 't'});
      out.write(new byte[64]);
      out.flush();
      assertThat(drainUntilClosed(garbage.getInputStream())).isTrue();
    }
    try (Socket silent = new Socket("127.0.0.1", port)) {
      silent.setSoTimeout(5000);
      // Bob's upgrade timeout is 2 s: the silent connection must be dropped by then.
      assertThat(drainUntilClosed(silent.getInputStream())).isTrue();
    }
    assertThat(bob.connections()).isEmpty();
  }

  @Test
  void refusesConnectionsBeyondTheLimit() throws Exception {
    // Bob allows 2 sockets: two dials succeed, the third is closed before any upgrade.
    final Connection first = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    final Connection second = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> alice.dial(bobAddress).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(PingProtocol.ping(first).get(5, TimeUnit.SECONDS)).isPositive();
    second.close();
    second.closeFuture().get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 100 && bob.connections().size() > 1; i++) {
      Thread.sleep(20);
    }
    assertThat(
            PingProtocol.ping(alice.dial(bobAddress).get(5, TimeUnit.SECONDS))
                .get(5, TimeUnit.SECONDS))
        .isPositive();
  }

  private static boolean drainUntilClosed(final InputStream in) throws Exception {
    final byte[] sink = new byte[1024];
    while (true) {
      if (in.read(sink) < 0) {
        return true;
      }
    }
  }

  private static Connection awaitSingleConnection(final Host host) throws InterruptedException {
    for (int i = 0; i < 100 && host.connections().isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertThat(host.connections()).hasSize(1);
    return host.connections().iterator().next();
  }
}

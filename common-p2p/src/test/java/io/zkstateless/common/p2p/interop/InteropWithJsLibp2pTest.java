package io.zkstateless.common.p2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.common.p2p.crypto.KeyType;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.EchoProtocol;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.host.IdentifyProtocol;
import io.zkstateless.common.p2p.identify.IdentifyMessage;
import io.zkstateless.common.p2p.mplex.MplexSession;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.ping.PingProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Our stack against js-libp2p 3.3.11 (@chainsafe/libp2p-noise 17, yamux 8, @libp2p/ping 3) in a
 * separate Node process: TCP, multistream-select, Noise XX with secp256k1 identities, yamux and
 * ping, with each side dialling the other. Skipped when Node or the npm packages are missing.
 */
class InteropWithJsLibp2pTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static JsLibp2pPeer js;
  private static Host host;
  private static Host mplexHost;
  private static Multiaddr jsAddress;
  private static PeerId jsPeerId;
  private static Optional<String> unavailable;

  @BeforeAll
  static void start() throws Exception {
    unavailable = JsLibp2pPeer.unavailableReason();
    if (unavailable.isPresent()) {
      return;
    }
    final Path log =
        Files.createDirectories(Path.of("target")).resolve("js-interop-peer.stderr.log");
    js = JsLibp2pPeer.start(log, "secp256k1");
    final JsonNode hello = js.await(line -> line.has("peerId"), TIMEOUT);
    jsPeerId = PeerId.fromBase58(hello.get("peerId").asString());
    jsAddress = Multiaddr.fromString(hello.get("addrs").get(0).asString());
    host =
        new Host(
            HostConfig.of(
                Secp256k1PrivateKey.generate(), List.of(new PingProtocol(), new EchoProtocol())));
    mplexHost =
        new Host(
            HostConfig.of(
                    Secp256k1PrivateKey.generate(), List.of(new PingProtocol(), new EchoProtocol()))
                .withMuxers(List.of(MplexSession.PROTOCOL_ID)));
  }

  /** Per test, so that each one is reported as skipped, with the reason. */
  @BeforeEach
  void requireJsPeer() {
    assumeTrue(
        unavailable.isEmpty(), () -> "Skipping js-libp2p interop: " + unavailable.orElse(""));
  }

  @AfterAll
  static void stop() throws Exception {
    if (host != null) {
      host.close();
    }
    if (mplexHost != null) {
      mplexHost.close();
    }
    if (js != null) {
      js.close();
    }
  }

  @Test
  void javaDialsJsAndPings() throws Exception {
    assertThat(jsAddress.peerId()).contains(jsPeerId);
    final Connection connection = host.dial(jsAddress).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(connection.remotePeerId()).isEqualTo(jsPeerId);
    final JsonNode seen =
        js.await(
            line ->
                line.has("connection")
                    && line.get("connection").asString().equals(host.peerId().toBase58())
                    && line.get("direction").asString().equals("inbound"),
            TIMEOUT);
    assertThat(seen).isNotNull();
    for (int i = 0; i < 3; i++) {
      assertThat(PingProtocol.ping(connection).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .isPositive()
          .isLessThan(TIMEOUT);
    }
    connection.close();
  }

  @Test
  void jsDialsJavaAndPings() throws Exception {
    final Multiaddr listening =
        host.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    js.send("ping " + listening.withPeerId(host.peerId()));
    final JsonNode result = js.await(line -> line.has("ping") || line.has("error"), TIMEOUT);
    assertThat(result.has("error")).as("js ping error: %s", result).isFalse();
    assertThat(result.get("ping").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(host.connections())
        .anySatisfy(
            c -> {
              assertThat(c.remotePeerId()).isEqualTo(jsPeerId);
              assertThat(c.isOutbound()).isFalse();
            });
  }

  @Test
  void javaStreamsMegabytesThroughJsYamuxAndBack() throws Exception {
    final Connection connection = host.dial(jsAddress).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    final byte[] data = new byte[2_000_000];
    new Random(11).nextBytes(data);
    // js echoes with backpressure, so both sides' yamux windows and Noise framing are exercised.
    assertThat(EchoProtocol.roundTrip(connection, data, (int) TIMEOUT.toSeconds())).isEqualTo(data);
    connection.close();
  }

  @Test
  void jsStreamsMegabytesThroughJavaAndBack() throws Exception {
    final Multiaddr listening =
        host.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    js.send("echo " + listening.withPeerId(host.peerId()) + " 2000000");
    final JsonNode result = js.await(line -> line.has("echoed") || line.has("error"), TIMEOUT);
    assertThat(result.has("error")).as("js echo error: %s", result).isFalse();
    assertThat(result.get("echoed").asInt()).isEqualTo(2_000_000);
    assertThat(result.get("equal").asBoolean()).isTrue();
  }

  @Test
  void verifiesAnEd25519IdentityAsJsLibp2pUsesByDefault() throws Exception {
    final Path log = Path.of("target/js-interop-peer-ed25519.stderr.log");
    try (JsLibp2pPeer ed25519 = JsLibp2pPeer.start(log, "Ed25519")) {
      final JsonNode hello = ed25519.await(line -> line.has("peerId"), TIMEOUT);
      final PeerId id = PeerId.fromBase58(hello.get("peerId").asString());
      assertThat(id.toBase58()).startsWith("12D3KooW");
      assertThat(id.inlinePublicKey().orElseThrow().type()).isEqualTo(KeyType.ED25519);
      final Connection connection =
          host.dial(Multiaddr.fromString(hello.get("addrs").get(0).asString()))
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(connection.remotePeerId()).isEqualTo(id);
      assertThat(PingProtocol.ping(connection).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .isPositive();
      connection.close();
    }
  }

  @Test
  void identifiesJsAndIsIdentifiedByJs() throws Exception {
    final Connection connection = host.dial(jsAddress).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    final IdentifyMessage jsSays =
        IdentifyProtocol.request(connection).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(jsSays.agentVersion()).startsWith("js-libp2p/");
    assertThat(jsSays.protocolVersion()).isEqualTo("ipfs/0.1.0");
    assertThat(jsSays.protocols())
        .contains(IdentifyProtocol.PROTOCOL_ID, PingProtocol.PROTOCOL_ID, EchoProtocol.PROTOCOL_ID);
    assertThat(jsSays.listenAddrs())
        .contains(Multiaddr.fromString(jsAddress.toString().replaceAll("/p2p/.*", "")));
    connection.close();

    final Multiaddr listening =
        host.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    js.send("identify " + listening.withPeerId(host.peerId()));
    final JsonNode result = js.await(line -> line.has("identify") || line.has("error"), TIMEOUT);
    assertThat(result.has("error")).as("js identify error: %s", result).isFalse();
    final JsonNode weSaid = result.get("identify");
    assertThat(weSaid.get("peerId").asString()).isEqualTo(host.peerId().toBase58());
    assertThat(weSaid.get("agentVersion").asString()).isEqualTo(IdentifyProtocol.AGENT_VERSION);
    assertThat(weSaid.get("protocols").valueStream().map(JsonNode::asString).toList())
        .containsExactlyElementsOf(host.protocolIds());
    assertThat(weSaid.get("observedAddr").asString()).startsWith("/ip4/127.0.0.1/tcp/");
  }

  @Test
  void javaSpeaksMplexToJs() throws Exception {
    final Connection connection =
        mplexHost.dial(jsAddress).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(connection.muxerProtocol()).isEqualTo(MplexSession.PROTOCOL_ID);
    assertThat(PingProtocol.ping(connection).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .isPositive();
    final byte[] data = new byte[2_000_000];
    new Random(13).nextBytes(data);
    assertThat(EchoProtocol.roundTrip(connection, data, (int) TIMEOUT.toSeconds())).isEqualTo(data);
    connection.close();
  }

  @Test
  void jsFallsBackToMplexWhenDiallingAnMplexOnlyJavaHost() throws Exception {
    final Multiaddr listening =
        mplexHost.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    js.send("echo " + listening.withPeerId(mplexHost.peerId()) + " 2000000");
    final JsonNode result = js.await(line -> line.has("echoed") || line.has("error"), TIMEOUT);
    assertThat(result.has("error")).as("js echo error: %s", result).isFalse();
    assertThat(result.get("equal").asBoolean()).isTrue();
    assertThat(mplexHost.connections())
        .anySatisfy(
            c -> {
              assertThat(c.remotePeerId()).isEqualTo(jsPeerId);
              assertThat(c.muxerProtocol()).isEqualTo(MplexSession.PROTOCOL_ID);
            });
  }
}

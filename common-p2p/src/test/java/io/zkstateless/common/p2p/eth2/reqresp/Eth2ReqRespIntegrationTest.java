package io.zkstateless.common.p2p.eth2.reqresp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.Bitfield;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.host.ProtocolHandler;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two Java hosts on loopback, each answering and sending the four req/resp calls. */
class Eth2ReqRespIntegrationTest {

  private static final ReqRespTimeouts FAST =
      new ReqRespTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(4));

  private final Status aliceStatus = status("aa", 10);
  private final Status bobStatus = status("bb", 20);
  private final MetaData aliceMeta = MetaData.noSubnets(5);
  private final MetaData bobMeta =
      new MetaData(9, Bitfield.empty(64).with(3, true), Bitfield.of(true, false, false, true));
  private final Map<PeerId, Status> seenByAlice = new ConcurrentHashMap<>();
  private final Map<PeerId, Status> seenByBob = new ConcurrentHashMap<>();

  private final Map<PeerId, Long> goodbyesAtBob = new ConcurrentHashMap<>();

  private Eth2ReqResp aliceReqResp;
  private Host alice;
  private Host bob;
  private Multiaddr bobAddress;

  private static Status status(final String rootByte, final long headSlot) {
    return new Status(
        ImmutableBytes.fromHex("bfe0d3f4"),
        Bytes32.fromHex(rootByte.repeat(32)),
        headSlot / 32,
        Bytes32.fromHex(rootByte.repeat(32)),
        headSlot);
  }

  @BeforeEach
  void start() throws Exception {
    aliceReqResp = new Eth2ReqResp(() -> aliceStatus, () -> aliceMeta, seenByAlice::put, FAST);
    final Eth2ReqResp bobReqResp =
        new Eth2ReqResp(() -> bobStatus, () -> bobMeta, seenByBob::put, FAST);
    alice =
        new Host(HostConfig.of(Secp256k1PrivateKey.generate(), aliceReqResp.protocolHandlers()));
    bob = new Host(HostConfig.of(Secp256k1PrivateKey.generate(), bobReqResp.protocolHandlers()));
    aliceReqResp.attach(alice);
    bobReqResp.attach(bob);
    bobReqResp.addGoodbyeListener(goodbyesAtBob::put);
    bobAddress = bob.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
  }

  @Test
  void exchangesStatusBothWays() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    assertThat(aliceReqResp.status(connection).get(5, TimeUnit.SECONDS)).isEqualTo(bobStatus);
    assertThat(seenByBob).containsEntry(alice.peerId(), aliceStatus);
    assertThat(seenByAlice).containsEntry(bob.peerId(), bobStatus);

    final Connection inbound = awaitConnection(bob);
    final Eth2ReqResp bobClient =
        new Eth2ReqResp(() -> bobStatus, () -> bobMeta, (peer, status) -> {}, FAST);
    assertThat(bobClient.status(inbound).get(5, TimeUnit.SECONDS)).isEqualTo(aliceStatus);
  }

  @Test
  void pingsAndAsksForMetaData() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    assertThat(aliceReqResp.ping(connection).get(5, TimeUnit.SECONDS)).isEqualTo(9L);
    assertThat(aliceReqResp.metaData(connection).get(5, TimeUnit.SECONDS)).isEqualTo(bobMeta);
  }

  @Test
  void goodbyeClosesTheConnectionOnBothSides() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    final Connection inbound = awaitConnection(bob);
    aliceReqResp.goodbye(connection, Eth2ReqResp.GOODBYE_CLIENT_SHUTDOWN).get(5, TimeUnit.SECONDS);
    assertThat(connection.isOpen()).isFalse();
    inbound.closeFuture().get(5, TimeUnit.SECONDS);
    assertThat(goodbyesAtBob).containsExactly(Map.entry(alice.peerId(), Eth2ReqResp.GOODBYE_CLIENT_SHUTDOWN));
  }

  @Test
  void anInboundGoodbyeMakesUsCloseTheConnection() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    final byte[] answer =
        rawExchange(connection, ReqRespMethod.GOODBYE.protocolId(), goodbyeRequest())
            .get(5, TimeUnit.SECONDS);
    assertThat(ReqRespCodec.decodeResponse(answer, 8).isSuccess()).isTrue();
    // Bob closes after answering: we did not close it ourselves.
    connection.closeFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aGarbageRequestGetsInvalidRequestAndTheConnectionSurvives() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    final byte[] answer =
        rawExchange(connection, ReqRespMethod.STATUS.protocolId(), new byte[] {0x54, 1, 2, 3})
            .get(5, TimeUnit.SECONDS);
    final ResponseChunk chunk = ReqRespCodec.decodeResponse(answer, 84);
    assertThat(chunk.resultCode()).isEqualTo(ResponseChunk.INVALID_REQUEST);
    assertThat(chunk.errorMessage()).isNotEmpty();
    assertThat(aliceReqResp.ping(connection).get(5, TimeUnit.SECONDS)).isEqualTo(9L);
  }

  @Test
  void aFloodedRequestStreamIsResetAndTheConnectionSurvives() throws Exception {
    final Connection connection = alice.dial(bobAddress).get(5, TimeUnit.SECONDS);
    // Far more than any Status request may take on the wire.
    assertThatThrownBy(
            () ->
                rawExchange(connection, ReqRespMethod.STATUS.protocolId(), new byte[4096])
                    .get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("reset");
    assertThat(connection.isOpen()).isTrue();
    assertThat(aliceReqResp.metaData(connection).get(5, TimeUnit.SECONDS)).isEqualTo(bobMeta);
  }

  @Test
  void aPeerAnsweringGarbageGetsItsStreamResetButKeepsTheConnection() throws Exception {
    final Eth2ReqResp real =
        new Eth2ReqResp(() -> bobStatus, () -> bobMeta, (peer, status) -> {}, FAST);
    final List<ProtocolHandler> handlers =
        List.of(garbageAnswer(ReqRespMethod.STATUS.protocolId()), real.protocolHandlers().get(1));
    try (Host liar = new Host(HostConfig.of(Secp256k1PrivateKey.generate(), handlers))) {
      final Multiaddr address =
          liar.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      final Connection connection = alice.dial(address).get(5, TimeUnit.SECONDS);
      assertThatThrownBy(() -> aliceReqResp.status(connection).get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(P2pProtocolException.class);
      assertThat(connection.isOpen()).isTrue();
      assertThat(aliceReqResp.ping(connection).get(5, TimeUnit.SECONDS)).isEqualTo(9L);
    }
  }

  @Test
  void aPeerThatNeverAnswersTimesOut() throws Exception {
    final List<ProtocolHandler> handlers = List.of(silent(ReqRespMethod.PING.protocolId()));
    try (Host mute = new Host(HostConfig.of(Secp256k1PrivateKey.generate(), handlers))) {
      final Multiaddr address =
          mute.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
      final Connection connection = alice.dial(address).get(5, TimeUnit.SECONDS);
      assertThatThrownBy(() -> aliceReqResp.ping(connection).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
      assertThat(connection.isOpen()).isTrue();
    }
  }

  private static byte[] goodbyeRequest() {
    return ReqRespCodec.encodeRequest(ReqRespSchemas.UINT64.encode(1L));
  }

  private static ProtocolHandler garbageAnswer(final String protocolId) {
    return handler(
        protocolId,
        stream -> {
          stream.write(Unpooled.wrappedBuffer(new byte[] {0, 0x54, 0x13, 0x37}));
          stream.closeWrite();
        });
  }

  private static ProtocolHandler silent(final String protocolId) {
    return handler(protocolId, stream -> {});
  }

  private static ProtocolHandler handler(
      final String protocolId, final Consumer<MuxedStream> onRequestEnd) {
    return new ProtocolHandler() {
      @Override
      public String protocolId() {
        return protocolId;
      }

      @Override
      public StreamHandler accept(final MuxedStream stream) {
        return new StreamHandler() {
          @Override
          public void onData(final MuxedStream s, final ByteBuf data) {}

          @Override
          public void onRemoteClose(final MuxedStream s) {
            onRequestEnd.accept(s);
          }
        };
      }
    };
  }

  /** Writes raw request bytes, half-closes and collects everything the peer answers. */
  private static CompletableFuture<byte[]> rawExchange(
      final Connection connection, final String protocolId, final byte[] request) {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final CompletableFuture<byte[]> answer = new CompletableFuture<>();
    return connection
        .openStream(
            protocolId,
            new StreamHandler() {
              @Override
              public void onData(final MuxedStream stream, final ByteBuf data) {
                received.writeBytes(ByteBufUtil.getBytes(data));
              }

              @Override
              public void onRemoteClose(final MuxedStream stream) {
                answer.complete(received.toByteArray());
              }

              @Override
              public void onReset(final MuxedStream stream) {
                answer.completeExceptionally(new IllegalStateException("reset"));
              }
            })
        .thenCompose(
            stream -> {
              stream.write(Unpooled.wrappedBuffer(request));
              stream.closeWrite();
              return answer;
            });
  }

  private static Connection awaitConnection(final Host host) throws InterruptedException {
    for (int i = 0; i < 100 && host.connections().isEmpty(); i++) {
      Thread.sleep(50);
    }
    return host.connections().iterator().next();
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Eth2ReqResp} does about its peers beyond answering: Goodbye to a peer on another fork
 * digest, Status again every interval, and at most two requests of a protocol in flight.
 */
class Eth2ReqRespPeerPolicyTest {

  private static final ReqRespTimeouts FAST =
      new ReqRespTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(4));
  private static final Multiaddr ANY_PORT = Multiaddr.fromString("/ip4/127.0.0.1/tcp/0");

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final List<Host> hosts = new ArrayList<>();

  @AfterEach
  void stop() {
    hosts.forEach(Host::close);
  }

  @Test
  void aPeerWhoseStatusRequestCarriesAnotherForkDigestIsToldGoodbyeAfterItsAnswer()
      throws Exception {
    final Node bob = node("bfe0d3f4");
    final Node alice = node("aaaaaaaa");
    final Connection connection = alice.host.dial(bob.address()).get(5, TimeUnit.SECONDS);
    // Alice's raw request, so that only Bob judges relevance here.
    final Status answer =
        ReqRespRequester.send(connection, ReqRespMethod.STATUS, alice.status, FAST)
            .get(5, TimeUnit.SECONDS);
    assertThat(answer).as("Bob answers before saying goodbye").isEqualTo(bob.status);
    awaitTrue(() -> !connection.isOpen());
    assertThat(alice.goodbyes)
        .containsExactly(Map.entry(bob.host.peerId(), Eth2ReqResp.GOODBYE_IRRELEVANT_NETWORK));
  }

  @Test
  void aPeerAnsweringWithAnotherForkDigestIsToldGoodbye() throws Exception {
    final Status theirs = status("aaaaaaaa", "22");
    final List<Long> goodbyes = new CopyOnWriteArrayList<>();
    final Host other =
        host(
            List.of(
                new ReqRespResponder<>(ReqRespMethod.STATUS, (p, s) -> theirs, p -> {}, FAST.response()),
                new ReqRespResponder<>(
                    ReqRespMethod.GOODBYE,
                    (p, reason) -> {
                      goodbyes.add(reason);
                      return 0L;
                    },
                    p -> {},
                    FAST.response())));
    final Multiaddr address = other.listen(ANY_PORT).get(5, TimeUnit.SECONDS).withPeerId(other.peerId());
    final Node alice = node("bfe0d3f4");
    final Connection connection = alice.host.dial(address).get(5, TimeUnit.SECONDS);
    // Alice's dial-time Status comes back with another digest: Goodbye, then the connection
    // closes. (A second, explicit Status request here would race with that close.)
    connection.closeFuture().get(5, TimeUnit.SECONDS);
    awaitTrue(() -> !goodbyes.isEmpty());
    assertThat(goodbyes).containsExactly(Eth2ReqResp.GOODBYE_IRRELEVANT_NETWORK);
    assertThat(alice.seen).containsEntry(other.peerId(), theirs);
  }

  @Test
  void statusIsExchangedAgainOnceTheIntervalHasPassed() throws Exception {
    final Node bob = node("bfe0d3f4");
    final Node alice = node("bfe0d3f4");
    final Connection connection = alice.host.dial(bob.address()).get(5, TimeUnit.SECONDS);
    // The dialer sends Status on connecting.
    awaitTrue(() -> bob.statusesFrom(alice) == 1 && alice.statusesFrom(bob) == 1);
    now.set(Instant.EPOCH.plus(Eth2ReqResp.DEFAULT_STATUS_INTERVAL));
    alice.reqResp.refreshStatuses(alice.host.connections());
    awaitTrue(() -> bob.statusesFrom(alice) == 2);
    assertThat(connection.isOpen()).isTrue();
    // Bob exchanged with Alice then too (as responder), so nothing is due for him.
    bob.reqResp.refreshStatuses(bob.host.connections());
    alice.reqResp.ping(connection).get(5, TimeUnit.SECONDS);
    assertThat(alice.statusesFrom(bob)).isEqualTo(2);
  }

  @Test
  void aPeerThatDialledUsAndSentNoStatusIsAskedAfterTheGracePeriod() throws Exception {
    final Node bob = node("bfe0d3f4");
    final Host mute = host(node("bfe0d3f4").reqResp.protocolHandlers());
    final Connection connection = mute.dial(bob.address()).get(5, TimeUnit.SECONDS);
    awaitTrue(() -> !bob.host.connections().isEmpty());
    bob.reqResp.refreshStatuses(bob.host.connections());
    now.set(Instant.EPOCH.plus(Eth2ReqResp.INBOUND_STATUS_GRACE));
    bob.reqResp.refreshStatuses(bob.host.connections());
    awaitTrue(() -> bob.statusesFrom(mute.peerId()) == 1);
    bob.reqResp.ping(bob.host.connections().iterator().next()).get(5, TimeUnit.SECONDS);
    assertThat(bob.statusesFrom(mute.peerId())).as("none asked for during the grace").isEqualTo(1);
    assertThat(connection.isOpen()).isTrue();
  }

  @Test
  void aPeerThatNeverAnswersStatusIsAskedAgainOnlyAfterTheInterval() throws Exception {
    final List<MuxedStream> asked = new CopyOnWriteArrayList<>();
    final Host mute = host(List.of(holding(ReqRespMethod.STATUS.protocolId(), asked)));
    final Multiaddr address =
        mute.listen(ANY_PORT).get(5, TimeUnit.SECONDS).withPeerId(mute.peerId());
    final Node alice = node("bfe0d3f4");
    alice.host.dial(address).get(5, TimeUnit.SECONDS);
    awaitTrue(() -> asked.size() == 1); // on connecting, as the dialer must
    alice.reqResp.refreshStatuses(alice.host.connections());
    alice.reqResp.refreshStatuses(alice.host.connections());
    now.set(Instant.EPOCH.plus(Eth2ReqResp.DEFAULT_STATUS_INTERVAL));
    alice.reqResp.refreshStatuses(alice.host.connections());
    awaitTrue(() -> asked.size() == 2);
    alice.reqResp.refreshStatuses(alice.host.connections());
    // A marker stream of our own, opened after that refresh: a Status it had sent would be there.
    alice
        .host
        .connections()
        .iterator()
        .next()
        .openStream(ReqRespMethod.STATUS.protocolId(), (st, data) -> {})
        .get(5, TimeUnit.SECONDS);
    awaitTrue(() -> asked.size() >= 3);
    assertThat(asked).hasSize(3);
  }

  @Test
  void aThirdConcurrentRequestOfAProtocolIsAnsweredRateLimited() throws Exception {
    final Node bob = node("bfe0d3f4");
    final Node alice = node("bfe0d3f4");
    final Connection connection = alice.host.dial(bob.address()).get(5, TimeUnit.SECONDS);
    final byte[] request = ReqRespCodec.encodeRequest(ReqRespSchemas.UINT64.encode(7L));
    final RawExchange first = RawExchange.open(connection, ReqRespMethod.PING.protocolId());
    final RawExchange second = RawExchange.open(connection, ReqRespMethod.PING.protocolId());
    final RawExchange third = RawExchange.open(connection, ReqRespMethod.PING.protocolId());

    final ResponseChunk limited =
        ReqRespCodec.decodeResponse(third.send(request).get(5, TimeUnit.SECONDS), 8);
    assertThat(limited.resultCode()).isEqualTo(ResponseChunk.RATE_LIMITED);
    assertThat(limited.errorMessage()).isEqualTo(ReqRespResponder.RATE_LIMITED_MESSAGE);
    for (final RawExchange admitted : List.of(first, second)) {
      final ResponseChunk answer =
          ReqRespCodec.decodeResponse(admitted.send(request).get(5, TimeUnit.SECONDS), 8);
      assertThat(answer.isSuccess()).isTrue();
    }
    // Both finished: there is room again, and another protocol never shared the count.
    assertThat(alice.reqResp.ping(connection).get(5, TimeUnit.SECONDS)).isZero();
    assertThat(connection.isOpen()).isTrue();
  }

  @Test
  void weNeverHaveMoreThanTwoRequestsOfAProtocolInFlightWithAPeer() throws Exception {
    final List<MuxedStream> held = new CopyOnWriteArrayList<>();
    final Host mute = host(List.of(holding(ReqRespMethod.PING.protocolId(), held)));
    final Multiaddr address = mute.listen(ANY_PORT).get(5, TimeUnit.SECONDS).withPeerId(mute.peerId());
    final Node alice = node("bfe0d3f4");
    final Connection connection = alice.host.dial(address).get(5, TimeUnit.SECONDS);
    final CompletableFuture<Long> one = alice.reqResp.ping(connection);
    final CompletableFuture<Long> two = alice.reqResp.ping(connection);
    assertThatThrownBy(() -> alice.reqResp.ping(connection).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in flight already");
    assertThat(one).isNotDone();
    assertThat(two).isNotDone();
  }

  /** Takes requests of {@code protocolId}, never answers them, keeps their streams. */
  private static ProtocolHandler holding(final String protocolId, final List<MuxedStream> held) {
    return new ProtocolHandler() {
      @Override
      public String protocolId() {
        return protocolId;
      }

      @Override
      public StreamHandler accept(final MuxedStream stream) {
        held.add(stream);
        return (s, data) -> data.skipBytes(data.readableBytes());
      }
    };
  }

  private static Status status(final String digest, final String rootByte) {
    return new Status(
        ImmutableBytes.fromHex(digest),
        Bytes32.fromHex(rootByte.repeat(32)),
        1,
        Bytes32.fromHex(rootByte.repeat(32)),
        40);
  }

  private Host host(final List<ProtocolHandler> protocols) {
    final Host host = new Host(HostConfig.of(Secp256k1PrivateKey.generate(), protocols));
    hosts.add(host);
    return host;
  }

  private Node node(final String digest) throws Exception {
    final Status status = status(digest, digest.substring(0, 2));
    final Map<PeerId, List<Status>> seenAll = new ConcurrentHashMap<>();
    final Map<PeerId, Status> seen = new ConcurrentHashMap<>();
    final Eth2ReqResp reqResp =
        new Eth2ReqResp(
            () -> status,
            () -> MetaData.noSubnets(0),
            (peer, s) -> {
              seen.put(peer, s);
              seenAll.computeIfAbsent(peer, p -> new CopyOnWriteArrayList<>()).add(s);
            },
            FAST,
            Eth2ReqResp.DEFAULT_STATUS_INTERVAL,
            now::get);
    final Host host = host(reqResp.protocolHandlers());
    reqResp.attach(host);
    host.addConnectionListener(reqResp::onConnection);
    final Map<PeerId, Long> goodbyes = new ConcurrentHashMap<>();
    reqResp.addGoodbyeListener(goodbyes::put);
    return new Node(host, reqResp, status, seen, seenAll, goodbyes);
  }

  private record Node(
      Host host,
      Eth2ReqResp reqResp,
      Status status,
      Map<PeerId, Status> seen,
      Map<PeerId, List<Status>> seenAll,
      Map<PeerId, Long> goodbyes) {

    Multiaddr address() throws Exception {
      final List<Multiaddr> bound = host.listenAddresses();
      final Multiaddr address =
          bound.isEmpty() ? host.listen(ANY_PORT).get(5, TimeUnit.SECONDS) : bound.get(0);
      return address.withPeerId(host.peerId());
    }

    int statusesFrom(final Node other) {
      return statusesFrom(other.host.peerId());
    }

    int statusesFrom(final PeerId peer) {
      return seenAll.getOrDefault(peer, List.of()).size();
    }
  }

  private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(25);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  /** One request stream opened now, its request written and half-closed later. */
  private static final class RawExchange implements StreamHandler {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> answer = new CompletableFuture<>();
    private MuxedStream stream;

    static RawExchange open(final Connection connection, final String protocolId)
        throws Exception {
      final RawExchange exchange = new RawExchange();
      exchange.stream = connection.openStream(protocolId, exchange).get(5, TimeUnit.SECONDS);
      return exchange;
    }

    CompletableFuture<byte[]> send(final byte[] request) {
      stream.write(Unpooled.wrappedBuffer(request));
      stream.closeWrite();
      return answer;
    }

    @Override
    public synchronized void onData(final MuxedStream s, final ByteBuf data) {
      received.writeBytes(ByteBufUtil.getBytes(data));
    }

    @Override
    public synchronized void onRemoteClose(final MuxedStream s) {
      answer.complete(received.toByteArray());
    }

    @Override
    public void onReset(final MuxedStream s) {
      answer.completeExceptionally(new IllegalStateException("reset"));
    }
  }
}

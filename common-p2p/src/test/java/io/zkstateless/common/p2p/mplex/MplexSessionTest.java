package io.zkstateless.common.p2p.mplex;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.encoding.Uvarint;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import io.zkstateless.common.p2p.transport.CloseOnErrorHandler;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MplexSessionTest {

  private static final PeerId PEER =
      PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());

  private final List<String> events = new ArrayList<>();
  private MplexSession clientSession;
  private MplexSession serverSession;
  private EmbeddedChannel client;
  private EmbeddedChannel server;

  /** Echoes, half-closes after the peer, and records what happened, prefixed with the side. */
  private StreamHandler recorder(final String side, final boolean echo) {
    return new StreamHandler() {
      @Override
      public void onData(final MuxedStream stream, final ByteBuf data) {
        events.add(side + stream.id() + ":" + data.toString(StandardCharsets.US_ASCII));
        if (echo) {
          stream.write(data.retain());
        }
      }

      @Override
      public void onRemoteClose(final MuxedStream stream) {
        events.add(side + stream.id() + ":fin");
        if (echo) {
          stream.closeWrite();
        }
      }

      @Override
      public void onReset(final MuxedStream stream) {
        events.add(side + stream.id() + ":reset");
      }
    };
  }

  @BeforeEach
  void connect() {
    clientSession = new MplexSession(PEER, s -> s.setHandler(recorder("c", true)));
    serverSession = new MplexSession(PEER, s -> s.setHandler(recorder("s", true)));
    client = channel(clientSession);
    server = channel(serverSession);
  }

  @AfterEach
  void close() {
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  @Test
  void writesTheDocumentedFrames() {
    final MuxedStream stream = open(clientSession, client, "c");
    stream.write(Unpooled.wrappedBuffer("hi".getBytes(StandardCharsets.US_ASCII)));
    stream.closeWrite();
    // NewStream(0, name "0"), MessageInitiator(0, "hi"), CloseInitiator(0).
    assertThat(drain(client)).containsExactly("000130", "02026869", "0400");
  }

  @Test
  void bothSidesNumberTheirOwnStreamsFromZero() {
    final MuxedStream fromClient = open(clientSession, client, "c");
    final MuxedStream fromServer = open(serverSession, server, "s");
    assertThat(fromClient.id()).isZero();
    assertThat(fromServer.id()).isZero();
    fromClient.write(Unpooled.wrappedBuffer("a".getBytes(StandardCharsets.US_ASCII)));
    fromServer.write(Unpooled.wrappedBuffer("b".getBytes(StandardCharsets.US_ASCII)));
    pumpUntilQuiet();
    // Each message reached the other side's accepted stream 0 and was echoed back to the opener.
    assertThat(events).containsExactlyInAnyOrder("s0:a", "c0:b", "c0:a", "s0:b");
    fromClient.closeWrite();
    pumpUntilQuiet();
    assertThat(events).contains("s0:fin", "c0:fin");
  }

  @Test
  void resetReachesThePeer() {
    final MuxedStream stream = open(clientSession, client, "c");
    pumpUntilQuiet();
    stream.reset();
    pumpUntilQuiet();
    assertThat(events).containsExactly("c0:reset", "s0:reset");
  }

  @Test
  void protocolViolationsCloseTheConnection() {
    assertClosesServer("07" + "00"); // flag 7 does not exist
    assertClosesServer("000130" + "000130"); // stream 0 opened twice
    final ByteBuf huge = Unpooled.buffer();
    Uvarint.write(2, huge);
    Uvarint.write(MplexFrameDecoder.MAX_MESSAGE_BYTES + 1, huge);
    assertClosesServer(ByteBufUtil.hexDump(huge));
    assertClosesServer("ffffffffffffffffff01"); // varint longer than 9 bytes
    assertClosesServer("000130" + "0400" + "020161"); // data after the peer's half-close
  }

  @Test
  void ignoresFramesForUnknownStreamsAndWaitsForPartialFrames() {
    server.writeInbound(Unpooled.wrappedBuffer(Hex.decode("0a0161")));
    assertThat(server.isOpen()).isTrue();
    server.writeInbound(Unpooled.wrappedBuffer(Hex.decode("0001")));
    server.writeInbound(Unpooled.wrappedBuffer(Hex.decode("30")));
    assertThat(server.isOpen()).isTrue();
    server.writeInbound(Unpooled.wrappedBuffer(Hex.decode("020478")));
    server.writeInbound(Unpooled.wrappedBuffer(Hex.decode("797a77")));
    assertThat(events).containsExactly("s0:xyzw");
  }

  private void assertClosesServer(final String hex) {
    server.finishAndReleaseAll();
    server = channel(new MplexSession(PEER, s -> s.setHandler(recorder("s", false))));
    server.writeInbound(Unpooled.wrappedBuffer(Hex.decode(hex)));
    assertThat(server.isOpen()).as(hex).isFalse();
  }

  private MuxedStream open(
      final MplexSession session, final EmbeddedChannel channel, final String side) {
    final var opened = session.openStream(s -> s.setHandler(recorder(side, false)));
    channel.runPendingTasks();
    return opened.join();
  }

  private static List<String> drain(final EmbeddedChannel channel) {
    final List<String> out = new ArrayList<>();
    for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
      out.add(ByteBufUtil.hexDump(b));
      b.release();
    }
    return out;
  }

  private void pumpUntilQuiet() {
    for (int i = 0; i < 100; i++) {
      client.runPendingTasks();
      server.runPendingTasks();
      if (pump(client, server) + pump(server, client) == 0) {
        return;
      }
    }
  }

  private static int pump(final EmbeddedChannel from, final EmbeddedChannel to) {
    int count = 0;
    for (Object out = from.readOutbound(); out != null; out = from.readOutbound()) {
      to.writeInbound(out);
      count++;
    }
    return count;
  }

  private static EmbeddedChannel channel(final MplexSession session) {
    final EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast("head", new ChannelInboundHandlerAdapter());
    session.install(channel.pipeline(), "head");
    channel.pipeline().addLast(new CloseOnErrorHandler(new ConnectionRejections()));
    return channel;
  }
}

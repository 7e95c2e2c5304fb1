package io.zkstateless.common.p2p.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.mux.AbstractMuxedStream;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import io.zkstateless.common.p2p.transport.CloseOnErrorHandler;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class YamuxSessionTest {

  private static final PeerId PEER =
      PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());

  private final List<MuxedStream> accepted = new ArrayList<>();
  private final ByteBuf serverReceived = Unpooled.buffer();
  private final List<String> serverEvents = new ArrayList<>();
  private final ByteBuf clientReceived = Unpooled.buffer();
  private YamuxSession clientSession;
  private EmbeddedChannel client;
  private EmbeddedChannel server;

  /** The server side echoes everything and records events. */
  private final StreamHandler echo =
      new StreamHandler() {
        @Override
        public void onData(final MuxedStream stream, final ByteBuf data) {
          serverReceived.writeBytes(data, data.readerIndex(), data.readableBytes());
          stream.write(data.retain());
        }

        @Override
        public void onRemoteClose(final MuxedStream stream) {
          serverEvents.add("fin");
          stream.closeWrite();
        }

        @Override
        public void onReset(final MuxedStream stream) {
          serverEvents.add("reset");
        }
      };

  private final StreamHandler collect = (stream, data) -> clientReceived.writeBytes(data);

  @BeforeEach
  void connect() {
    clientSession = new YamuxSession(true, PEER, s -> s.setHandler(collect));
    client = channel(clientSession);
    server =
        channel(
            new YamuxSession(
                false,
                PEER,
                s -> {
                  accepted.add(s);
                  s.setHandler(echo);
                }));
  }

  @AfterEach
  void close() {
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
    serverReceived.release();
    clientReceived.release();
  }

  @Test
  void opensOddStreamsEchoesDataAndHalfCloses() {
    final MuxedStream stream = open();
    assertThat(stream.id()).isEqualTo(1);
    assertThat(open().id()).isEqualTo(3);
    final CompletableFuture<Void> written =
        stream.write(Unpooled.wrappedBuffer("hello".getBytes()));
    pumpUntilQuiet();
    assertThat(written).isCompleted();
    assertThat(accepted).extracting(MuxedStream::id).containsExactly(1L, 3L);
    assertThat(accepted.get(0).isInitiator()).isFalse();
    assertThat(clientReceived.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
    stream.closeWrite();
    pumpUntilQuiet();
    assertThat(serverEvents).containsExactly("fin");
    assertThat(stream.write(Unpooled.buffer(1).writeByte(1))).isCompletedExceptionally();
  }

  @Test
  void senderStopsAtThePeersWindowUntilItIsReopened() {
    final MuxedStream stream = open();
    pump(client, server);
    pump(server, client); // the ACK
    final byte[] data = new byte[600 * 1024];
    stream.write(Unpooled.wrappedBuffer(data));
    final long firstBurst = dataBytesIn(client.outboundMessages().stream().toList());
    assertThat(firstBurst).isEqualTo(YamuxSession.INITIAL_WINDOW);
    pumpUntilQuiet();
    assertThat(serverReceived.readableBytes()).isEqualTo(data.length);
    assertThat(clientReceived.readableBytes()).isEqualTo(data.length);
  }

  @Test
  void boundsQueuedWrites() {
    final MuxedStream stream = open();
    assertThat(stream.write(Unpooled.wrappedBuffer(new byte[YamuxSession.INITIAL_WINDOW])))
        .isNotCompletedExceptionally();
    assertThat(
            stream.write(Unpooled.wrappedBuffer(new byte[AbstractMuxedStream.MAX_PENDING_BYTES])))
        .isNotCompletedExceptionally();
    assertThat(stream.write(Unpooled.wrappedBuffer(new byte[1]))).isCompletedExceptionally();
  }

  @Test
  void takesOneMessageLargerThanTheQueueBoundAndDeliversIt() {
    final MuxedStream stream = open();
    pumpUntilQuiet();
    final byte[] data =
        new byte[YamuxSession.INITIAL_WINDOW + AbstractMuxedStream.MAX_PENDING_BYTES + 1024];
    assertThat(stream.write(Unpooled.wrappedBuffer(data))).isNotCompletedExceptionally();
    assertThat(stream.write(Unpooled.wrappedBuffer(new byte[1]))).isCompletedExceptionally();
    pumpUntilQuiet();
    assertThat(serverReceived.readableBytes()).isEqualTo(data.length);
  }

  @Test
  void resetReachesThePeerAndFailsPendingWrites() {
    final MuxedStream stream = open();
    pumpUntilQuiet();
    stream.reset();
    pumpUntilQuiet();
    assertThat(serverEvents).containsExactly("reset");
  }

  @Test
  void answersPings() {
    server.writeInbound(header(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_SYN, 0, 0xCAFE));
    final ByteBuf pong = server.readOutbound();
    assertThat(ByteBufUtil.hexDump(pong)).isEqualTo("000200020000000000" + "00cafe");
    pong.release();
  }

  @Test
  void protocolViolationsCloseTheConnection() {
    assertClosesServer(header(7, 0, 1, 0)); // unknown type
    assertClosesServer(header(YamuxFrame.TYPE_DATA, YamuxFrame.FLAG_SYN, 2, 0)); // our parity
    assertClosesServer(header(YamuxFrame.TYPE_DATA, 0, 1, YamuxSession.INITIAL_WINDOW + 1L));
    assertClosesServer(Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}));
    assertClosesServer(header(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_SYN, 5, 0));
    // A SYN reusing an id the peer already opened.
    assertClosesServer(
        Unpooled.wrappedBuffer(
            header(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, 1, 0),
            header(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, 1, 0)));
  }

  @Test
  void goAwayClosesTheConnection() {
    assertClosesServer(header(YamuxFrame.TYPE_GO_AWAY, 0, 0, 0));
  }

  private void assertClosesServer(final ByteBuf bytes) {
    server.finishAndReleaseAll();
    server = channel(new YamuxSession(false, PEER, s -> s.setHandler(echo)));
    server.writeInbound(bytes);
    assertThat(server.isOpen()).isFalse();
  }

  private MuxedStream open() {
    final CompletableFuture<MuxedStream> opened =
        clientSession.openStream(s -> s.setHandler(collect));
    client.runPendingTasks();
    return opened.join();
  }

  private static ByteBuf header(final int type, final int flags, final long id, final long length) {
    final ByteBuf out = Unpooled.buffer();
    YamuxFrame.writeHeader(out, type, flags, id, length);
    return out;
  }

  private static long dataBytesIn(final List<Object> frames) {
    long total = 0;
    for (final Object o : frames) {
      final ByteBuf b = (ByteBuf) o;
      if (b.getByte(b.readerIndex() + 1) == YamuxFrame.TYPE_DATA) {
        total += b.getUnsignedInt(b.readerIndex() + 8);
      }
    }
    return total;
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

  private static EmbeddedChannel channel(final YamuxSession session) {
    final EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast("head", new ChannelInboundHandlerAdapter());
    session.install(channel.pipeline(), "head");
    channel.pipeline().addLast(new CloseOnErrorHandler(new ConnectionRejections()));
    return channel;
  }
}

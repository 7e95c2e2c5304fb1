package io.zkstateless.common.p2p.eth2.reqresp;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.ProtocolHandler;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The eth2 req/resp calls a consensus client needs from us to stay connected: status/1, ping/1,
 * metadata/2 and goodbye/1, both answering them ({@link #protocolHandlers()}, to put into the
 * host's config) and sending them ({@link #status}, {@link #ping}, {@link #metaData}, {@link
 * #goodbye}).
 *
 * <p>The application supplies our Status (fork digest, finalized checkpoint, head) and MetaData; a
 * service that is not a beacon node takes the Status values from one. A peer's Goodbye is logged
 * and its connections are closed once our answer is written.
 */
public final class Eth2ReqResp {

  private static final Logger LOG = LoggerFactory.getLogger(Eth2ReqResp.class);

  /** Goodbye reason 1: client shut down. */
  public static final long GOODBYE_CLIENT_SHUTDOWN = 1;

  /** Goodbye reason 2: irrelevant network. */
  public static final long GOODBYE_IRRELEVANT_NETWORK = 2;

  /** Goodbye reason 3: fault or error. */
  public static final long GOODBYE_FAULT = 3;

  private final Supplier<Status> localStatus;
  private final Supplier<MetaData> localMetaData;
  private final BiConsumer<PeerId, Status> peerStatusListener;
  private final ReqRespTimeouts timeouts;
  private final List<BiConsumer<PeerId, Long>> goodbyeListeners = new CopyOnWriteArrayList<>();
  private volatile Consumer<PeerId> disconnect = peer -> {};

  /**
   * @param localStatus our current Status, asked for on every request
   * @param localMetaData our current MetaData; its seq_number answers Ping
   * @param peerStatusListener told of every Status a peer sends us (to check its fork digest)
   */
  public Eth2ReqResp(
      final Supplier<Status> localStatus,
      final Supplier<MetaData> localMetaData,
      final BiConsumer<PeerId, Status> peerStatusListener,
      final ReqRespTimeouts timeouts) {
    this.localStatus = Objects.requireNonNull(localStatus, "localStatus");
    this.localMetaData = Objects.requireNonNull(localMetaData, "localMetaData");
    this.peerStatusListener = Objects.requireNonNull(peerStatusListener, "peerStatusListener");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
  }

  /** Lets an inbound Goodbye close the peer's connections on {@code host}. */
  public void attach(final Host host) {
    disconnect =
        peer ->
            host.connections().stream()
                .filter(connection -> connection.remotePeerId().equals(peer))
                .forEach(Connection::close);
  }

  /**
   * Tells {@code listener} of every Goodbye a peer sends us, with its reason, before the
   * connection is closed (to count why peers leave).
   */
  public void addGoodbyeListener(final BiConsumer<PeerId, Long> listener) {
    goodbyeListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The four responders, to register on the host. */
  public List<ProtocolHandler> protocolHandlers() {
    final Consumer<PeerId> nothing = peer -> {};
    return List.of(
        new ReqRespResponder<>(
            ReqRespMethod.STATUS,
            (peer, status) -> {
              peerStatusListener.accept(peer, status);
              return localStatus.get();
            },
            nothing,
            timeouts.response()),
        new ReqRespResponder<>(
            ReqRespMethod.PING,
            (peer, seq) -> localMetaData.get().seqNumber(),
            nothing,
            timeouts.response()),
        new ReqRespResponder<>(
            ReqRespMethod.METADATA,
            (peer, none) -> localMetaData.get(),
            nothing,
            timeouts.response()),
        new ReqRespResponder<>(
            ReqRespMethod.GOODBYE,
            (peer, reason) -> {
              LOG.info("Peer {} said goodbye, reason {}", peer, Long.toUnsignedString(reason));
              goodbyeListeners.forEach(listener -> listener.accept(peer, reason));
              return 0L;
            },
            peer -> disconnect.accept(peer),
            timeouts.response()));
  }

  /** Sends our Status and returns the peer's. */
  public CompletableFuture<Status> status(final Connection connection) {
    return ReqRespRequester.send(connection, ReqRespMethod.STATUS, localStatus.get(), timeouts)
        .whenComplete(
            (status, error) -> {
              if (status != null) {
                peerStatusListener.accept(connection.remotePeerId(), status);
              }
            });
  }

  /** Sends our MetaData seq_number; returns the peer's. */
  public CompletableFuture<Long> ping(final Connection connection) {
    return ReqRespRequester.send(
        connection, ReqRespMethod.PING, localMetaData.get().seqNumber(), timeouts);
  }

  public CompletableFuture<MetaData> metaData(final Connection connection) {
    return ReqRespRequester.send(connection, ReqRespMethod.METADATA, null, timeouts);
  }

  /**
   * Says goodbye with {@code reason} and closes the connection whether or not the peer answers
   * (many clients close without one); completes once the connection is closed.
   */
  public CompletableFuture<Void> goodbye(final Connection connection, final long reason) {
    return ReqRespRequester.send(connection, ReqRespMethod.GOODBYE, reason, timeouts)
        .handle((answer, error) -> null)
        .thenCompose(
            ignored -> {
              connection.close();
              return connection.closeFuture();
            });
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.ProtocolHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * and its connections are closed once our answer is written. A peer whose Status carries another
 * fork digest is told Goodbye (irrelevant network) and disconnected, as the spec says clients
 * should. With {@link #onConnection} and {@link #refreshStatuses} called (as {@code
 * Eth2GossipNode} does) Status is sent on every connection we dial and exchanged again with every
 * peer every {@link #DEFAULT_STATUS_INTERVAL}. At most {@link
 * ConcurrentRequests#MAX_CONCURRENT_REQUESTS} requests of one protocol are in flight with a peer,
 * in either direction.
 */
public final class Eth2ReqResp {

  private static final Logger LOG = LoggerFactory.getLogger(Eth2ReqResp.class);

  /** Goodbye reason 1: client shut down. */
  public static final long GOODBYE_CLIENT_SHUTDOWN = 1;

  /** Goodbye reason 2: irrelevant network. */
  public static final long GOODBYE_IRRELEVANT_NETWORK = 2;

  /** Goodbye reason 3: fault or error. */
  public static final long GOODBYE_FAULT = 3;

  /** Lodestar's and Teku's interval between Status exchanges with a connected peer. */
  public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofMinutes(5);

  /** Lodestar's grace for a peer that dialled us to send its Status before we ask for it. */
  public static final Duration INBOUND_STATUS_GRACE = Duration.ofSeconds(15);

  private final Supplier<Status> localStatus;
  private final Supplier<MetaData> localMetaData;
  private final BiConsumer<PeerId, Status> peerStatusListener;
  private final ReqRespTimeouts timeouts;
  private final StatusSchedule statusSchedule;
  private final Map<String, ConcurrentRequests> outgoing = new ConcurrentHashMap<>();
  private final Set<PeerId> irrelevant = ConcurrentHashMap.newKeySet();
  /** Connections we said Goodbye on, so that two Status answers do not make two Goodbyes. */
  private final Set<Connection> leaving = ConcurrentHashMap.newKeySet();
  private final List<BiConsumer<PeerId, Long>> goodbyeListeners = new CopyOnWriteArrayList<>();
  private volatile Function<PeerId, List<Connection>> connectionsOf = peer -> List.of();

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
    this(
        localStatus,
        localMetaData,
        peerStatusListener,
        timeouts,
        DEFAULT_STATUS_INTERVAL,
        Clock.systemUTC());
  }

  /** With Status exchanged every {@code statusInterval} as told by {@code clock}. */
  public Eth2ReqResp(
      final Supplier<Status> localStatus,
      final Supplier<MetaData> localMetaData,
      final BiConsumer<PeerId, Status> peerStatusListener,
      final ReqRespTimeouts timeouts,
      final Duration statusInterval,
      final InstantSource clock) {
    this.localStatus = Objects.requireNonNull(localStatus, "localStatus");
    this.localMetaData = Objects.requireNonNull(localMetaData, "localMetaData");
    this.peerStatusListener = Objects.requireNonNull(peerStatusListener, "peerStatusListener");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.statusSchedule =
        new StatusSchedule(
            statusInterval,
            INBOUND_STATUS_GRACE.compareTo(statusInterval) < 0 ? INBOUND_STATUS_GRACE : Duration.ZERO,
            clock);
  }

  /** Lets an inbound Goodbye, or a peer on another network, close the peer's connections. */
  public void attach(final Host host) {
    connectionsOf =
        peer ->
            host.connections().stream()
                .filter(connection -> connection.remotePeerId().equals(peer))
                .toList();
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
              received(peer, status);
              return localStatus.get();
            },
            this::disconnectIfIrrelevant,
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
            peer -> connectionsOf.apply(peer).forEach(Connection::close),
            timeouts.response()));
  }

  /**
   * A new connection: we send Status if we dialled it (the dialer MUST); a peer that dialled us has
   * {@link #INBOUND_STATUS_GRACE} to send its own before {@link #refreshStatuses} asks for it.
   */
  public void onConnection(final Connection connection) {
    final PeerId peer = connection.remotePeerId();
    if (connection.isOutbound()) {
      statusQuietly(connection);
    } else {
      statusSchedule.inboundConnected(peer);
    }
    connection
        .closeFuture()
        .whenComplete(
            (v, e) -> {
              if (connectionsOf.apply(peer).stream().noneMatch(c -> c != connection && c.isOpen())) {
                statusSchedule.forget(peer);
                irrelevant.remove(peer);
              }
            });
  }

  /**
   * Sends Status to every peer among {@code connections} whose last exchange is older than the
   * status interval; call it periodically (Lodestar checks every 10 s).
   */
  public void refreshStatuses(final Collection<Connection> connections) {
    final Set<PeerId> asked = new HashSet<>();
    for (final Connection connection : connections) {
      final PeerId peer = connection.remotePeerId();
      if (connection.isOpen() && statusSchedule.due(peer) && asked.add(peer)) {
        statusQuietly(connection);
      }
    }
  }

  /**
   * Sends our Status and returns the peer's; a peer on another fork digest is then told Goodbye
   * (irrelevant network) and disconnected.
   */
  public CompletableFuture<Status> status(final Connection connection) {
    return send(connection, ReqRespMethod.STATUS, localStatus.get())
        .whenComplete(
            (status, error) -> {
              if (status != null) {
                received(connection.remotePeerId(), status);
                if (irrelevant.contains(connection.remotePeerId())) {
                  goodbyeIrrelevant(connection);
                }
              }
            });
  }

  /** Sends our MetaData seq_number; returns the peer's. */
  public CompletableFuture<Long> ping(final Connection connection) {
    return send(connection, ReqRespMethod.PING, localMetaData.get().seqNumber());
  }

  public CompletableFuture<MetaData> metaData(final Connection connection) {
    return send(connection, ReqRespMethod.METADATA, null);
  }

  /**
   * Says goodbye with {@code reason} and closes the connection whether or not the peer answers
   * (many clients close without one); completes once the connection is closed.
   */
  public CompletableFuture<Void> goodbye(final Connection connection, final long reason) {
    return send(connection, ReqRespMethod.GOODBYE, reason)
        .handle((answer, error) -> null)
        .thenCompose(
            ignored -> {
              connection.close();
              return connection.closeFuture();
            });
  }

  /** A request, unless {@code MAX_CONCURRENT_REQUESTS} of its protocol are in flight already. */
  private <Q, R> CompletableFuture<R> send(
      final Connection connection, final ReqRespMethod<Q, R> method, final Q request) {
    final PeerId peer = connection.remotePeerId();
    final ConcurrentRequests inFlight =
        outgoing.computeIfAbsent(method.protocolId(), id -> new ConcurrentRequests());
    if (!inFlight.tryAcquire(peer)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              ConcurrentRequests.MAX_CONCURRENT_REQUESTS
                  + " "
                  + method.protocolId()
                  + " requests to "
                  + peer
                  + " are in flight already"));
    }
    return ReqRespRequester.send(connection, method, request, timeouts)
        .whenComplete((response, error) -> inFlight.release(peer));
  }

  /**
   * Our Status, counted as exchanged when asked: a peer that fails to answer is asked again after
   * the interval, not at every check.
   */
  private void statusQuietly(final Connection connection) {
    statusSchedule.exchanged(connection.remotePeerId());
    status(connection)
        .whenComplete(
            (status, error) -> {
              if (error != null) {
                LOG.debug("Status with {} failed: {}", connection, error.toString());
              }
            });
  }

  private void received(final PeerId peer, final Status status) {
    statusSchedule.exchanged(peer);
    if (!status.forkDigest().equals(localStatus.get().forkDigest())) {
      irrelevant.add(peer);
    }
    peerStatusListener.accept(peer, status);
  }

  /** phase 0: peers SHOULD disconnect when the fork digest differs (Goodbye reason 2). */
  private void disconnectIfIrrelevant(final PeerId peer) {
    if (!irrelevant.contains(peer)) {
      return;
    }
    connectionsOf.apply(peer).forEach(this::goodbyeIrrelevant);
  }

  private void goodbyeIrrelevant(final Connection connection) {
    if (!leaving.add(connection)) {
      return;
    }
    connection.closeFuture().whenComplete((v, e) -> leaving.remove(connection));
    LOG.info("{} follows another fork digest: saying goodbye (irrelevant network)", connection);
    goodbye(connection, GOODBYE_IRRELEVANT_NETWORK);
  }
}

package io.zkstateless.common.p2p.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.p2p.gossip.GossipEvents;
import io.zkstateless.common.p2p.gossip.GossipRouter;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code libp2p_*} meters of one node (one metrics class per subsystem, as Teku does), on the
 * registry the node was given. Events (messages received and what became of them, publishes,
 * forwards, RPC bytes, rate-limited messages) are counted as they happen; state (peers, meshes,
 * scores, rejected connections) is read at scrape time. Topic tags are bounded by {@link
 * TopicLabels}. Several nodes on one registry share the counters; a gauge reads the first node
 * that registered it, until that node closes.
 */
public final class Libp2pMetrics implements GossipEvents, AutoCloseable {

  static final String RECEIVED = "libp2p_gossip_messages_received_total";
  static final String PUBLISHED = "libp2p_gossip_messages_published_total";
  static final String FORWARDED = "libp2p_gossip_messages_forwarded_total";
  static final String RATE_LIMITED = "libp2p_gossip_rate_limited_total";
  static final String MESH_PEERS = "libp2p_gossip_mesh_peers";

  private final MeterRegistry registry;
  private final TopicLabels topics = new TopicLabels();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Counter rpcBytesIn;
  private final Counter rpcBytesOut;
  /** Meters that read this node's state; removed when it closes, so another node's can register. */
  private final List<Meter> stateMeters = new CopyOnWriteArrayList<>();
  private volatile GossipRouter router;

  public Libp2pMetrics(final MeterRegistry registry) {
    this.registry = registry;
    this.rpcBytesIn = rpcBytes("in");
    this.rpcBytesOut = rpcBytes("out");
  }

  /** Registers the host's meters: peers by direction, connections rejected by reason. */
  public void bindHost(final Host host) {
    for (final boolean outbound : List.of(false, true)) {
      stateMeters.add(
          Gauge.builder("libp2p_peers", host, h -> peers(h, outbound))
              .description("Peers with an open connection in this direction")
              .tag("direction", outbound ? "outbound" : "inbound")
              .register(registry));
    }
    final ConnectionRejections rejections = host.rejections();
    stateMeters.add(
        FunctionCounter.builder(
                "libp2p_connections_rejected_total",
                rejections,
                ConnectionRejections::protocolViolations)
            .description("Connections closed because of what arrived on them")
            .tag("reason", "protocol_violation")
            .register(registry));
    stateMeters.add(
        FunctionCounter.builder(
                "libp2p_connections_rejected_total",
                rejections,
                ConnectionRejections::unexpectedErrors)
            .description("Connections closed because of what arrived on them")
            .tag("reason", "unexpected_error")
            .register(registry));
  }

  /** Registers the router's meters: peer score statistics, graylisted peers, malformed RPCs. */
  public void bindRouter(final GossipRouter gossipRouter) {
    this.router = gossipRouter;
    for (final PeerScoreSummary stat : PeerScoreSummary.values()) {
      stateMeters.add(
          Gauge.builder("libp2p_gossip_peer_score", gossipRouter, r -> stat.of(r.peerScores().values()))
              .description("gossipsub v1.1 peer score over connected gossip peers (NaN with none)")
              .tag("stat", stat.tag())
              .register(registry));
    }
    stateMeters.add(
        Gauge.builder("libp2p_gossip_peers_graylisted", gossipRouter, r -> r.graylistedPeerCount())
            .description("Gossip peers below the graylist threshold, whose RPCs are ignored")
            .register(registry));
    stateMeters.add(
        FunctionCounter.builder(
                "libp2p_gossip_malformed_rpcs_total", gossipRouter, r -> r.malformedRpcs())
            .description("Gossip RPCs that did not decode (each a behaviour penalty)")
            .register(registry));
  }

  /**
   * Makes a topic known under its short name, so its messages are counted under that name rather
   * than {@code unknown}; with {@code mesh}, also registers the name's mesh-size gauge.
   */
  public void knowTopic(final String topic, final String name, final boolean mesh) {
    topics.add(topic, name);
    if (mesh) {
      stateMeters.add(
          Gauge.builder(MESH_PEERS, this, m -> m.meshPeers(name))
              .description("Peers in our mesh for the topic (all fork digests of the name)")
              .tag("topic", name)
              .register(registry));
    }
  }

  /** The {@code topic} tag a topic string is counted under. */
  public String topicLabel(final String topic) {
    return topics.label(topic);
  }

  @Override
  public void received(final String topic, final Outcome outcome) {
    counter(RECEIVED, topic, outcome.name().toLowerCase(Locale.ROOT)).increment();
  }

  @Override
  public void published(final String topic) {
    counter(PUBLISHED, topic, null).increment();
  }

  @Override
  public void forwarded(final String topic) {
    counter(FORWARDED, topic, null).increment();
  }

  @Override
  public void rateLimited(final String topic) {
    counter(RATE_LIMITED, topic, null).increment();
  }

  @Override
  public void rpcReceived(final int bytes) {
    rpcBytesIn.increment(bytes);
  }

  @Override
  public void rpcSent(final int bytes) {
    rpcBytesOut.increment(bytes);
  }

  /** Removes the meters that read this node's state; counters stay (they may be shared). */
  @Override
  public void close() {
    stateMeters.forEach(registry::remove);
    stateMeters.clear();
  }

  private double meshPeers(final String name) {
    final GossipRouter bound = router;
    if (bound == null) {
      return 0;
    }
    return topics.topics(name).stream().mapToInt(t -> bound.meshPeers(t).size()).sum();
  }

  private static double peers(final Host host, final boolean outbound) {
    return host.connections().stream()
        .filter(c -> c.isOpen() && c.isOutbound() == outbound)
        .map(Connection::remotePeerId)
        .distinct()
        .count();
  }

  private Counter rpcBytes(final String direction) {
    return Counter.builder("libp2p_gossip_rpc_bytes_total")
        .description("Bytes of gossip RPCs (without length prefixes) read from / written to peers")
        .tag("direction", direction)
        .register(registry);
  }

  /** The counter of a name, topic tag and (for received messages) result; cached. */
  private Counter counter(final String name, final String topic, final String result) {
    final String label = topics.label(topic);
    final String key = name + '|' + label + '|' + result;
    return counters.computeIfAbsent(
        key,
        k -> {
          final Counter.Builder builder =
              Counter.builder(name).description(description(name)).tag("topic", label);
          return (result == null ? builder : builder.tag("result", result)).register(registry);
        });
  }

  private static String description(final String name) {
    return switch (name) {
      case RECEIVED -> "Gossip messages received, by topic name and what became of them";
      case PUBLISHED -> "Our own gossip messages sent to at least one peer";
      case FORWARDED -> "Received gossip messages forwarded to at least one mesh peer";
      case RATE_LIMITED -> "Received gossip messages dropped by the sender's rate limit";
      default -> name;
    };
  }
}

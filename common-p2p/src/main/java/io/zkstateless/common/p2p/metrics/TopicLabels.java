package io.zkstateless.common.p2p.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code topic} tag of a gossip topic: its short name ({@code execution_proof_3}, not the fork
 * digest) for the topics this node subscribed or published to, and {@link #UNKNOWN} for anything
 * else a peer sends. Peers choose topic strings freely; only our own configuration adds names, so
 * the number of series stays bounded whatever arrives. Topics of several fork digests share their
 * name's series.
 */
final class TopicLabels {

  static final String UNKNOWN = "unknown";

  private final Map<String, String> nameByTopic = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> topicsByName = new ConcurrentHashMap<>();

  /** Makes {@code topic} known under {@code name}; true if the name is new. */
  boolean add(final String topic, final String name) {
    if (nameByTopic.putIfAbsent(topic, name) != null) {
      return false;
    }
    final boolean newName = !topicsByName.containsKey(name);
    topicsByName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(topic);
    return newName;
  }

  String label(final String topic) {
    return nameByTopic.getOrDefault(topic, UNKNOWN);
  }

  /** The known topics with this name (one per fork digest). */
  Set<String> topics(final String name) {
    return topicsByName.getOrDefault(name, Set.of());
  }
}

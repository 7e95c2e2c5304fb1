package io.zkstateless.broadcaster.support;

import io.zkstateless.broadcaster.gossip.GossipPublisher;
import io.zkstateless.broadcaster.gossip.PublishOutcome;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Test double of the p2p node (test scope only). Each block hash can be scripted with a sequence of
 * behaviours (the last one repeats); unscripted blocks use the default. Every publish call is
 * recorded with its topic and the decoded proof, so tests see exactly what went on the wire.
 */
public final class ScriptedGossipPublisher implements GossipPublisher {

  /** One published message, decoded back from snappy + SSZ. */
  public record Publication(String topic, ExecutionProof proof, long atNanos) {}

  private final Map<String, Deque<Supplier<CompletableFuture<PublishOutcome>>>> scripts =
      new ConcurrentHashMap<>();
  private final List<Publication> publications =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile Supplier<CompletableFuture<PublishOutcome>> fallback = reach(3);
  private volatile Map<Integer, Integer> peers = Map.of();

  public static Supplier<CompletableFuture<PublishOutcome>> reach(final int peers) {
    return () -> CompletableFuture.completedFuture(PublishOutcome.sent(peers));
  }

  public static Supplier<CompletableFuture<PublishOutcome>> noPeers() {
    return reach(0);
  }

  public static Supplier<CompletableFuture<PublishOutcome>> alreadySeen() {
    return () -> CompletableFuture.completedFuture(PublishOutcome.alreadySeen());
  }

  public static Supplier<CompletableFuture<PublishOutcome>> fail(final String message) {
    return () -> CompletableFuture.failedFuture(new IllegalStateException(message));
  }

  @SafeVarargs
  public final void script(
      final String blockHash, final Supplier<CompletableFuture<PublishOutcome>>... steps) {
    scripts.put(blockHash, new ArrayDeque<>(List.of(steps)));
  }

  public void setPeers(final Map<Integer, Integer> peers) {
    this.peers = Map.copyOf(peers);
  }

  public List<Publication> publicationsOf(final String blockHash) {
    synchronized (publications) {
      return publications.stream()
          .filter(p -> p.proof().blockHash().toHexString().equals(blockHash))
          .toList();
    }
  }

  @Override
  public CompletableFuture<PublishOutcome> publish(
      final GossipTopic topic, final byte[] sszSnappyData) {
    final ExecutionProof proof =
        ExecutionProofSchema.DEFAULT.decode(SnappyBlock.decompress(sszSnappyData, 1 << 23));
    publications.add(new Publication(topic.toString(), proof, System.nanoTime()));
    final Deque<Supplier<CompletableFuture<PublishOutcome>>> steps =
        scripts.get(proof.blockHash().toHexString());
    if (steps == null) {
      return fallback.get();
    }
    synchronized (steps) {
      return (steps.size() > 1 ? steps.poll() : steps.peek()).get();
    }
  }

  @Override
  public Map<Integer, Integer> peersPerSubnet() {
    return peers;
  }
}

package io.zkstateless.validator.ingest;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.proof.ExecutionProof;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Proofs whose block is not known yet, waiting for it: bounded in count (the oldest is dropped
 * when full) and in age (expired entries are dropped when touched). Not thread-safe; the pipeline
 * guards it.
 */
final class PendingProofs {

  /**
   * A parked proof and where it came from. {@code outcome} completes with the proof's verdict once
   * its block arrives and it is verified, or with IGNORE when it is dropped (too old, too many); a
   * Kafka listener waits on it so that the record's offset is committed only then.
   */
  record Pending(
      ExecutionProof proof,
      ProofSource source,
      Instant receivedAt,
      boolean awaited,
      CompletableFuture<IngestResult> outcome) {

    /** {@code awaited}: a caller waits on {@code outcome} and counts the verdict itself. */
    Pending(
        final ExecutionProof proof,
        final ProofSource source,
        final Instant receivedAt,
        final boolean awaited) {
      this(proof, source, receivedAt, awaited, new CompletableFuture<>());
    }

    Pending(final ExecutionProof proof, final ProofSource source, final Instant receivedAt) {
      this(proof, source, receivedAt, false);
    }

    void drop(final String why) {
      outcome.complete(IngestResult.ignore("block_unknown", why + "; block " + proof.blockHash()));
    }
  }

  private final int maxProofs;
  private final Duration maxAge;
  private final LinkedHashMap<Bytes32, List<Pending>> byBlockHash = new LinkedHashMap<>();
  private int size;
  private long dropped;

  PendingProofs(final int maxProofs, final Duration maxAge) {
    this.maxProofs = maxProofs;
    this.maxAge = maxAge;
  }

  void add(final Pending pending) {
    expire(pending.receivedAt());
    while (size >= maxProofs) {
      dropOldest();
    }
    byBlockHash.computeIfAbsent(pending.proof().blockHash(), h -> new ArrayList<>(1)).add(pending);
    size++;
  }

  /** Removes and returns the proofs waiting for {@code blockHash} that have not expired. */
  List<Pending> take(final Bytes32 blockHash, final Instant now) {
    final List<Pending> waiting = byBlockHash.remove(blockHash);
    if (waiting == null) {
      return List.of();
    }
    size -= waiting.size();
    final List<Pending> live = new ArrayList<>(waiting.size());
    for (final Pending pending : waiting) {
      if (isExpired(pending, now)) {
        dropped++;
        pending.drop("expired before its block arrived");
      } else {
        live.add(pending);
      }
    }
    return live;
  }

  int size() {
    return size;
  }

  long dropped() {
    return dropped;
  }

  /** Drops expired entries from the oldest end; insertion order keeps this proportional to them. */
  void expire(final Instant now) {
    final Iterator<Map.Entry<Bytes32, List<Pending>>> entries = byBlockHash.entrySet().iterator();
    while (entries.hasNext()) {
      final Map.Entry<Bytes32, List<Pending>> entry = entries.next();
      if (!isExpired(entry.getValue().getFirst(), now)) {
        return;
      }
      size -= entry.getValue().size();
      dropped += entry.getValue().size();
      entry.getValue().forEach(p -> p.drop("expired before its block arrived"));
      entries.remove();
    }
  }

  private boolean isExpired(final Pending pending, final Instant now) {
    return Duration.between(pending.receivedAt(), now).compareTo(maxAge) > 0;
  }

  private void dropOldest() {
    final Iterator<Map.Entry<Bytes32, List<Pending>>> entries = byBlockHash.entrySet().iterator();
    final List<Pending> oldest = entries.next().getValue();
    oldest.removeFirst().drop("dropped: too many proofs waiting for blocks");
    size--;
    dropped++;
    if (oldest.isEmpty()) {
      entries.remove();
    }
  }
}

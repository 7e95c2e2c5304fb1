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
 * Proofs whose block is not known yet, waiting for it: bounded in count and in proof bytes (the
 * oldest is dropped when either is full) and in age (expired entries are dropped when touched).
 * Dropped entries are kept for {@link #drainDropped} so their owner can forget their stored copy.
 * Not thread-safe; {@link ProofPark} guards it.
 */
final class PendingProofs {

  /** Why an entry left without being replayed; a bounded metric tag. */
  enum DropReason {
    EXPIRED("expired before its block arrived"),
    TOO_MANY("dropped: too many proofs waiting for blocks"),
    TOO_MANY_BYTES("dropped: too many proof bytes waiting for blocks");

    private final String detail;

    DropReason(final String detail) {
      this.detail = detail;
    }

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A parked proof and where it came from. {@code outcome} completes with the proof's verdict once
   * its block arrives and it is verified, or with IGNORE when it is dropped (too old, too many); a
   * Kafka listener waits on it so that the record's offset is committed only then. {@code rowId}
   * is its {@code parked_proof} row, 0 while it has none; set and read under the park's lock.
   */
  static final class Pending {
    private final ExecutionProof proof;
    private final ProofSource source;
    private final Instant receivedAt;
    private final boolean awaited;
    private final CompletableFuture<IngestResult> outcome = new CompletableFuture<>();
    private long rowId;

    /** {@code awaited}: a caller waits on {@code outcome} and counts the verdict itself. */
    Pending(final ExecutionProof proof, final ProofSource source, final Instant receivedAt, final boolean awaited) {
      this.proof = proof;
      this.source = source;
      this.receivedAt = receivedAt;
      this.awaited = awaited;
    }

    Pending(final ExecutionProof proof, final ProofSource source, final Instant receivedAt) {
      this(proof, source, receivedAt, false);
    }

    ExecutionProof proof() {
      return proof;
    }

    ProofSource source() {
      return source;
    }

    Instant receivedAt() {
      return receivedAt;
    }

    boolean awaited() {
      return awaited;
    }

    CompletableFuture<IngestResult> outcome() {
      return outcome;
    }

    long rowId() {
      return rowId;
    }

    void rowId(final long id) {
      this.rowId = id;
    }

    int bytes() {
      return proof.proofData().size();
    }

    void drop(final String why) {
      outcome.complete(IngestResult.ignore("block_unknown", why + "; block " + proof.blockHash()));
    }
  }

  /** An entry that left the park without a replay, and why. */
  record Dropped(Pending pending, DropReason reason) {}

  private final int maxProofs;
  private final long maxBytes;
  private final Duration maxAge;
  private final LinkedHashMap<Bytes32, List<Pending>> byBlockHash = new LinkedHashMap<>();
  private final List<Dropped> dropped = new ArrayList<>();
  private int size;
  private long bytes;

  PendingProofs(final int maxProofs, final long maxBytes, final Duration maxAge) {
    this.maxProofs = maxProofs;
    this.maxBytes = maxBytes;
    this.maxAge = maxAge;
  }

  /** Parks the proof, dropping the oldest ones to make room; a proof larger than the byte bound is dropped itself. */
  void add(final Pending pending) {
    if (pending.bytes() > maxBytes) {
      drop(pending, DropReason.TOO_MANY_BYTES);
      return;
    }
    makeRoom(pending.bytes(), pending.receivedAt());
    byBlockHash.computeIfAbsent(pending.proof().blockHash(), h -> new ArrayList<>(1)).add(pending);
    size++;
    bytes += pending.bytes();
  }

  /**
   * Drops expired entries, then the oldest ones until a proof of {@code proofBytes} fits: done
   * before a proof's row is written, so that the table, which has the same bounds, has room too.
   */
  void makeRoom(final int proofBytes, final Instant now) {
    expire(now);
    while (size > 0 && size >= maxProofs) {
      dropOldest(DropReason.TOO_MANY);
    }
    while (size > 0 && bytes + proofBytes > maxBytes) {
      dropOldest(DropReason.TOO_MANY_BYTES);
    }
  }

  /** Removes and returns the proofs waiting for {@code blockHash} that have not expired. */
  List<Pending> take(final Bytes32 blockHash, final Instant now) {
    final List<Pending> waiting = byBlockHash.remove(blockHash);
    if (waiting == null) {
      return List.of();
    }
    final List<Pending> live = new ArrayList<>(waiting.size());
    for (final Pending pending : waiting) {
      size--;
      bytes -= pending.bytes();
      if (isExpired(pending, now)) {
        drop(pending, DropReason.EXPIRED);
      } else {
        live.add(pending);
      }
    }
    return live;
  }

  /** Whether the entry still waits (was neither taken nor dropped). */
  boolean contains(final Pending pending) {
    final List<Pending> waiting = byBlockHash.get(pending.proof().blockHash());
    return waiting != null && waiting.stream().anyMatch(p -> p == pending);
  }

  int size() {
    return size;
  }

  long bytes() {
    return bytes;
  }

  /** The entries dropped since the last call, oldest first. */
  List<Dropped> drainDropped() {
    if (dropped.isEmpty()) {
      return List.of();
    }
    final List<Dropped> drained = List.copyOf(dropped);
    dropped.clear();
    return drained;
  }

  /** Drops expired entries from the oldest end; insertion order keeps this proportional to them. */
  void expire(final Instant now) {
    final Iterator<Map.Entry<Bytes32, List<Pending>>> entries = byBlockHash.entrySet().iterator();
    while (entries.hasNext()) {
      final Map.Entry<Bytes32, List<Pending>> entry = entries.next();
      if (!isExpired(entry.getValue().getFirst(), now)) {
        return;
      }
      for (final Pending pending : entry.getValue()) {
        size--;
        bytes -= pending.bytes();
        drop(pending, DropReason.EXPIRED);
      }
      entries.remove();
    }
  }

  private boolean isExpired(final Pending pending, final Instant now) {
    return Duration.between(pending.receivedAt(), now).compareTo(maxAge) > 0;
  }

  private void dropOldest(final DropReason reason) {
    final Iterator<Map.Entry<Bytes32, List<Pending>>> entries = byBlockHash.entrySet().iterator();
    final List<Pending> oldest = entries.next().getValue();
    final Pending pending = oldest.removeFirst();
    size--;
    bytes -= pending.bytes();
    drop(pending, reason);
    if (oldest.isEmpty()) {
      entries.remove();
    }
  }

  private void drop(final Pending pending, final DropReason reason) {
    pending.drop(reason.detail);
    dropped.add(new Dropped(pending, reason));
  }
}

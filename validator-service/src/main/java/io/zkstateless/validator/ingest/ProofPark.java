package io.zkstateless.validator.ingest;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.validator.ingest.PendingProofs.Pending;
import io.zkstateless.validator.store.ParkedProof;
import io.zkstateless.validator.store.ParkedProofStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Where proofs wait for their block: {@link PendingProofs} in memory and, for every proof that is
 * answered while it waits (a gossip verdict, a committed Kafka offset, an admin reply), a row in
 * {@code parked_proof}, so that a crash cannot lose it: gossip has no redelivery, nobody would
 * send it again. The row is written before the proof joins the park and deleted when the proof
 * leaves it (replayed, expired, evicted); the table has the park's bounds. A Kafka record still
 * waiting for its block is not written: its uncommitted offset already keeps it.
 */
final class ProofPark {

  private static final Logger LOG = LoggerFactory.getLogger(ProofPark.class);
  /** How often rows whose delete failed are swept by age, at most. */
  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final PendingProofs pending;
  private final ParkedProofStore store;
  private final IngestProperties config;
  private final ParkWriteBudget budget;
  private final IngestMetrics metrics;
  private final Clock clock;
  private Instant lastSweep;

  /** {@code store} null: memory only (tests and tools without a database). */
  ProofPark(final ParkedProofStore store, final IngestProperties config, final IngestMetrics metrics, final Clock clock) {
    this.pending = new PendingProofs(config.pendingMaxProofs(), config.pendingMaxBytes().toBytes(), config.pendingMaxAge());
    this.store = store;
    this.config = config;
    this.budget = new ParkWriteBudget(config.pendingWriteBytesPerSecond().toBytes(), clock.instant());
    this.metrics = metrics;
    this.clock = clock;
    this.lastSweep = clock.instant();
  }

  /** Parks a proof whose caller still waits on it (its Kafka offset is held): memory only. */
  void park(final Pending waiting) {
    final List<PendingProofs.Dropped> dropped;
    synchronized (pending) {
      pending.add(waiting);
      dropped = pending.drainDropped();
    }
    forget(dropped);
  }

  /**
   * Writes the proof, then parks it: it is about to be answered. A proof over the write budget, or
   * that the full table refuses, waits in memory only (counted). A write that fails is thrown when
   * {@code failOnStoreError} (a Kafka record: its listener retries it, the offset stays held),
   * otherwise counted and the proof waits in memory only, as it did before the park was stored.
   */
  void parkDurably(final Pending waiting, final boolean failOnStoreError) {
    final List<PendingProofs.Dropped> evicted;
    synchronized (pending) {
      pending.makeRoom(waiting.bytes(), clock.instant());
      evicted = pending.drainDropped();
    }
    forget(evicted);
    long row = 0;
    try {
      row = write(waiting);
    } catch (final DataAccessException e) {
      metrics.parkWrite("store_error");
      if (failOnStoreError) {
        throw e;
      }
      LOG.warn("A proof waiting for block {} is kept in memory only: {}", waiting.proof().blockHash(), e.toString());
    }
    final List<PendingProofs.Dropped> dropped;
    synchronized (pending) {
      waiting.rowId(row);
      pending.add(waiting);
      dropped = pending.drainDropped();
    }
    forget(dropped);
  }

  /**
   * A Kafka record's wait for its block ran out and its offset is about to be committed: writes the
   * proof if it still waits. A failed write is thrown (the record is then retried).
   */
  void makeDurable(final Pending waiting) {
    synchronized (pending) {
      if (!pending.contains(waiting)) {
        return;
      }
    }
    final long row = write(waiting);
    if (row == 0) {
      return;
    }
    synchronized (pending) {
      if (pending.contains(waiting)) {
        waiting.rowId(row);
        return;
      }
    }
    // Replayed or dropped while it was being written: nobody will delete the row but us.
    deleteQuietly(List.of(row));
  }

  /** Removes and returns the proofs waiting for {@code blockHash} that have not expired. */
  List<Pending> take(final Bytes32 blockHash) {
    final List<Pending> live;
    final List<PendingProofs.Dropped> dropped;
    synchronized (pending) {
      live = pending.take(blockHash, clock.instant());
      dropped = pending.drainDropped();
    }
    forget(dropped);
    return live;
  }

  /** A taken proof was verified (whatever the verdict) and no longer waits: forgets its row. */
  void resolved(final Pending replayed) {
    final long row;
    synchronized (pending) {
      row = replayed.rowId();
    }
    if (row != 0) {
      deleteQuietly(List.of(row));
    }
  }

  int size() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /**
   * Reads the stored proofs back into the park (start-up); returns them, oldest first. Rows older
   * than the park's maximum age, beyond its count or bytes (newest kept), or that {@code replayable} refuses (a proof type
   * no longer configured) or that no longer decode are deleted.
   */
  List<Pending> restore(final Predicate<ExecutionProof> replayable) {
    if (store == null) {
      return List.of();
    }
    final Instant now = clock.instant();
    metrics.parkRestored("expired", store.deleteReceivedBefore(now.minus(config.pendingMaxAge())));
    final List<ParkedProof> rows = store.newest(config.pendingMaxProofs(), config.pendingMaxBytes().toBytes());
    if (!rows.isEmpty()) {
      metrics.parkRestored("no_room", store.deleteOlderThan(rows.getFirst().id()));
    }
    final List<Pending> restored = new ArrayList<>(rows.size());
    final List<Long> invalid = new ArrayList<>();
    for (final ParkedProof row : rows) {
      final Pending waiting = pendingOf(row);
      if (waiting == null || !replayable.test(waiting.proof())) {
        invalid.add(row.id());
        continue;
      }
      park(waiting);
      restored.add(waiting);
    }
    store.delete(invalid);
    metrics.parkRestored("invalid", invalid.size());
    metrics.parkRestored("restored", restored.size());
    if (!rows.isEmpty()) {
      LOG.info("Restored {} proofs waiting for their blocks ({} rows unusable)", restored.size(), invalid.size());
    }
    return restored;
  }

  /** The row's proof, checked as any outside input, with its row id; null if it does not decode. */
  private static Pending pendingOf(final ParkedProof row) {
    try {
      final ExecutionProof proof =
          new ExecutionProof(
              row.blockHash(),
              ExecutionProofSubnetId.of(row.subnetId()),
              row.version(),
              ImmutableBytes.of(row.proofData()),
              row.proofTimestamp());
      final ProofSource source =
          new ProofSource(ProofSource.Kind.valueOf(row.sourceKind().toUpperCase(Locale.ROOT)), row.sourceId());
      final Pending waiting = new Pending(proof, source, row.receivedAt());
      waiting.rowId(row.id());
      return waiting;
    } catch (final IllegalArgumentException e) {
      LOG.warn("Parked proof row {} is unusable and deleted: {}", row.id(), e.getMessage());
      return null;
    }
  }

  /** Writes the proof's row within budget and bounds; its id, or 0 when not written. */
  private long write(final Pending waiting) {
    if (store == null) {
      return 0;
    }
    final Instant now = clock.instant();
    final boolean sweep;
    synchronized (this) {
      if (!budget.tryWrite(waiting.bytes(), now)) {
        metrics.parkWrite("over_budget");
        return 0;
      }
      sweep = Duration.between(lastSweep, now).compareTo(SWEEP_INTERVAL) > 0;
      if (sweep) {
        lastSweep = now;
      }
    }
    if (sweep) {
      store.deleteReceivedBefore(now.minus(config.pendingMaxAge()));
    }
    final ExecutionProof proof = waiting.proof();
    final OptionalLong row =
        store.save(
            new ParkedProof(
                0,
                proof.blockHash(),
                proof.subnetId().value(),
                proof.version(),
                proof.timestamp(),
                proof.proofData().toArray(),
                waiting.source().kind().tag(),
                waiting.source().id(),
                waiting.receivedAt()),
            config.pendingMaxProofs(),
            config.pendingMaxBytes().toBytes());
    metrics.parkWrite(row.isPresent() ? "written" : "table_full");
    return row.orElse(0);
  }

  /** Counts the dropped entries and deletes their rows. */
  private void forget(final List<PendingProofs.Dropped> dropped) {
    if (dropped.isEmpty()) {
      return;
    }
    final List<Long> rows = new ArrayList<>();
    for (final PendingProofs.Dropped entry : dropped) {
      metrics.parkDropped(entry.reason().tag());
      if (entry.pending().rowId() != 0) {
        rows.add(entry.pending().rowId());
      }
    }
    deleteQuietly(rows);
  }

  /** A row that cannot be deleted now is swept by age later (or restored and replayed once more). */
  private void deleteQuietly(final List<Long> rows) {
    if (store == null || rows.isEmpty()) {
      return;
    }
    try {
      store.delete(rows);
    } catch (final DataAccessException e) {
      LOG.warn("Could not delete {} parked proof rows (swept by age later): {}", rows.size(), e.toString());
    }
  }
}

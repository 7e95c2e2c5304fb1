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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
 *
 * <p>Writes for gossip and admin proofs, and every delete, run on {@code writer} (one thread, a
 * bounded queue), not on the gossip validation threads: a proof for an unknown block costs its
 * sender nothing (an IGNORE is no failure), and a 300 KiB insert takes milliseconds, so writing on
 * the validation threads would let such a flood take them from honest proofs. Their answer does
 * not wait for the write: it changes nothing for the sender, gossip has no redelivery anyway.
 * Kafka writes stay on the listener's thread: the offset must not be committed before the row is.
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
  private final Executor writer;
  private Instant lastSweep;

  /**
   * {@code store} null: memory only (tests and tools without a database). {@code writer} runs the
   * gossip and admin writes and the deletes ({@code Runnable::run}: on the caller's thread).
   */
  ProofPark(
      final ParkedProofStore store,
      final IngestProperties config,
      final IngestMetrics metrics,
      final Clock clock,
      final Executor writer) {
    this.pending = new PendingProofs(config.pendingMaxProofs(), config.pendingMaxBytes().toBytes(), config.pendingMaxAge());
    this.store = store;
    this.config = config;
    this.budget = new ParkWriteBudget(config.pendingWriteBytesPerSecond().toBytes(), clock.instant());
    this.metrics = metrics;
    this.clock = clock;
    this.writer = writer;
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
   * Parks a gossip or admin proof, which is about to be answered, and has it written on the writer
   * thread. A proof over the write budget, that the full table refuses, whose write fails or that
   * finds the writer's queue full waits in memory only (counted), as it did before the park was
   * stored.
   */
  void parkAndWrite(final Pending waiting) {
    park(waiting);
    if (store == null) {
      return;
    }
    onWriter(() -> {
      try {
        makeDurable(waiting);
      } catch (final DataAccessException e) {
        metrics.parkWrite("store_error");
        LOG.warn("A proof waiting for block {} is kept in memory only: {}", waiting.proof().blockHash(), e.toString());
      }
    }, "queue_full");
  }

  /**
   * Writes the proof, then parks it: a Kafka record about to be answered (its offset committed). A
   * proof over the write budget, or that the full table refuses, waits in memory only (counted). A
   * write that fails is thrown: the listener retries the record, the offset stays held.
   */
  void parkDurably(final Pending waiting) {
    final List<PendingProofs.Dropped> evicted;
    synchronized (pending) {
      pending.makeRoom(waiting.bytes(), clock.instant());
      evicted = pending.drainDropped();
    }
    forget(evicted);
    final long row;
    try {
      row = write(waiting);
    } catch (final DataAccessException e) {
      metrics.parkWrite("store_error");
      throw e;
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
   * Writes the proof if it still waits: a Kafka record whose wait for its block ran out (its offset
   * is about to be committed), or a gossip or admin proof on the writer thread. A failed write is
   * thrown.
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

  /** Runs {@code task} on the writer; a full queue is counted as {@code outcome}. */
  private void onWriter(final Runnable task, final String outcome) {
    try {
      writer.execute(task);
    } catch (final RejectedExecutionException e) {
      metrics.parkWrite(outcome);
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

  /**
   * Deletes on the writer, after the writes queued before. A row that cannot be deleted now (or
   * whose delete finds the queue full) is swept by age later, or restored and replayed once more.
   */
  private void deleteQuietly(final List<Long> rows) {
    if (store == null || rows.isEmpty()) {
      return;
    }
    onWriter(() -> {
      try {
        store.delete(rows);
      } catch (final DataAccessException e) {
        LOG.warn("Could not delete {} parked proof rows (swept by age later): {}", rows.size(), e.toString());
      }
    }, "delete_queue_full");
  }
}

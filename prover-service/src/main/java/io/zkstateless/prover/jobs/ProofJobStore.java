package io.zkstateless.prover.jobs;

import io.zkstateless.common.model.bytes.Bytes32;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable job table {@code prover.proof_job}, one row per (execution block hash, proof type).
 *
 * <pre>
 *   enqueue ─▶ QUEUED ──claim──▶ PROVING ──recordProof──▶ PUBLISHING ──markProved──▶ PROVED
 *                ▲  │              │  │                       │
 *                │  │  retryLater  │  │ fail (last attempt)    │ lease expired: claimUnpublished
 *                │  │◀─────────────┘  ▼                       │ re-sends the stored bytes
 *                │  │              FAILED ──requeue──▶ QUEUED  ▼
 *                │  └─drop (age, finalized, queue full)─▶ DROPPED ──requeue──▶ QUEUED
 *                └── lease expired while PROVING (replica died): claim takes it again
 * </pre>
 *
 * <p><b>Why it is crash-safe.</b> Every transition is one SQL statement, so a crash leaves a row in
 * exactly one state. A job is never lost: QUEUED waits, and a PROVING or PUBLISHING row whose
 * replica died is taken over once its lease runs out. Work that finished is never redone: the
 * primary key makes enqueueing idempotent, and PROVED is terminal.
 *
 * <p><b>Why a proof is published once.</b> The proof is written (as the exact SSZ record) in the
 * same statement that leaves PROVING, before anything is sent; the row becomes PROVED only after
 * Kafka acknowledged the send (idempotent producer, {@code acks=all}). A replica that takes over a
 * PUBLISHING row re-sends the stored bytes rather than proving again. The one window left is a
 * crash after Kafka's acknowledgement and before {@link #markProved}: that proof is sent twice,
 * byte-identical under the same key, which consumers drop as an exact duplicate. In normal
 * operation (including graceful shutdown, which lets in-flight sends finish) nothing is sent twice.
 *
 * <p><b>Why two replicas never prove one job at once.</b> Claims select with {@code FOR UPDATE SKIP
 * LOCKED}, so concurrent claimers skip each other's rows, and set a lease longer than a whole
 * attempt (job timeout plus publish timeout, enforced by configuration). Every later transition is
 * fenced on {@code lease_owner} and state, so a replica that lost its lease cannot move the row.
 */
public class ProofJobStore {

  private static final String COLUMNS =
      "block_hash, proof_type, block_number, slot, beacon_block_root, gas_used, state, attempts,"
          + " queued_at, lease_owner, lease_until, last_error, execution_requests";
  private static final int MAX_ERROR_LENGTH = 512;

  private final JdbcClient jdbc;

  public ProofJobStore(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Queues one job per proof type for the block in one statement (so a block is either fully known
   * or not at all); existing jobs are left alone. How many were new.
   */
  public int enqueue(final BlockRef block, final Collection<String> proofTypes, final Instant now) {
    return enqueue(block, proofTypes, now, false);
  }

  /**
   * As {@link #enqueue(BlockRef, Collection, Instant)}; a {@code pinned} job (an operator asked for
   * it) is exempt from the finalization and queue-bound drops, and an existing FAILED or DROPPED
   * job of the block is put back in the queue.
   */
  public int enqueue(
      final BlockRef block,
      final Collection<String> proofTypes,
      final Instant now,
      final boolean pinned) {
    if (proofTypes.isEmpty()) {
      return 0;
    }
    final List<Object> params = new ArrayList<>();
    final StringJoiner rows = new StringJoiner(", ");
    for (final String proofType : proofTypes) {
      rows.add("(?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)");
      params.addAll(
          Arrays.asList(
              block.blockHash().toArray(),
              proofType,
              block.blockNumber(),
              block.slot(),
              block.beaconBlockRoot().toArray(),
              block.gasUsed(),
              time(now),
              time(now),
              pinned,
              ExecutionRequestsColumn.encode(block.executionRequests())));
    }
    return jdbc.sql(
            "INSERT INTO prover.proof_job (block_hash, proof_type, block_number, slot,"
                + " beacon_block_root, gas_used, state, queued_at, not_before, pinned,"
                + " execution_requests) VALUES "
                + rows
                + (pinned
                    ? " ON CONFLICT (block_hash, proof_type) DO UPDATE SET state = 'queued',"
                        + " attempts = 0, queued_at = EXCLUDED.queued_at, not_before ="
                        + " EXCLUDED.not_before, last_error = NULL, pinned = true,"
                        + " execution_requests = COALESCE(EXCLUDED.execution_requests,"
                        + " proof_job.execution_requests)"
                        + " WHERE proof_job.state IN ('failed', 'dropped')"
                    : " ON CONFLICT DO NOTHING"))
        .params(params)
        .update();
  }

  /** Puts a FAILED or DROPPED job back in the queue with fresh attempts (an operator's request). */
  public boolean requeue(final JobKey key, final Instant now) {
    return jdbc.sql(
                "UPDATE prover.proof_job SET state = 'queued', attempts = 0, queued_at = ?,"
                    + " not_before = ?, last_error = NULL, pinned = true WHERE block_hash = ? AND"
                    + " proof_type = ? AND state IN ('failed', 'dropped')")
            .params(time(now), time(now), key.blockHash().toArray(), key.proofType())
            .update()
        == 1;
  }

  /**
   * Leases the newest runnable job of a proof type to {@code owner}: a QUEUED job whose backoff has
   * passed, or a PROVING job whose lease ran out (its replica died). Counts an attempt.
   */
  public Optional<ProofJob> claim(
      final String proofType, final String owner, final Instant now, final Duration lease) {
    return jdbc.sql(
            "UPDATE prover.proof_job SET state = 'proving', attempts = attempts + 1,"
                + " lease_owner = ?, lease_until = ?, started_at = ?"
                + " WHERE (block_hash, proof_type) = (SELECT block_hash, proof_type"
                + " FROM prover.proof_job WHERE proof_type = ? AND ((state = 'queued' AND"
                + " not_before <= ?) OR (state = 'proving' AND lease_until < ?))"
                + " ORDER BY block_number DESC, slot DESC LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING "
                + COLUMNS)
        .params(owner, time(now.plus(lease)), time(now), proofType, time(now), time(now))
        .query(ProofJobStore::job)
        .optional();
  }

  /** PROVING → PUBLISHING with the record to send; false if {@code owner} no longer holds it. */
  public boolean recordProof(
      final JobKey key, final String owner, final byte[] record, final Duration provingTime) {
    return jdbc.sql(
                "UPDATE prover.proof_job SET state = 'publishing', proof_record = ?,"
                    + " prove_millis = ? WHERE block_hash = ? AND proof_type = ?"
                    + " AND state = 'proving' AND lease_owner = ?")
            .params(
                record, provingTime.toMillis(), key.blockHash().toArray(), key.proofType(), owner)
            .update()
        == 1;
  }

  /** PUBLISHING → PROVED once Kafka acknowledged; the stored record is released. */
  public boolean markProved(final JobKey key, final String owner, final Instant now) {
    return jdbc.sql(
                "UPDATE prover.proof_job SET state = 'proved', proof_record = NULL, proved_at = ?,"
                    + " finished_at = ?, lease_owner = NULL, lease_until = NULL"
                    + " WHERE block_hash = ? AND proof_type = ? AND state = 'publishing'"
                    + " AND lease_owner = ?")
            .params(time(now), time(now), key.blockHash().toArray(), key.proofType(), owner)
            .update()
        == 1;
  }

  /**
   * PROVING → QUEUED after a dependency outage, runnable again at {@code notBefore}; the attempt is
   * not counted, so an outage longer than the backoffs never makes the job end failed.
   */
  public boolean postpone(
      final JobKey key, final String owner, final String error, final Instant notBefore) {
    return jdbc.sql(
                "UPDATE prover.proof_job SET state = 'queued', attempts = GREATEST(attempts - 1,"
                    + " 0), not_before = ?, last_error = ?, lease_owner = NULL, lease_until = NULL"
                    + " WHERE block_hash = ? AND proof_type = ? AND state = 'proving'"
                    + " AND lease_owner = ?")
            .params(
                time(notBefore), truncate(error), key.blockHash().toArray(), key.proofType(), owner)
            .update()
        == 1;
  }

  /** PROVING → QUEUED after a failed attempt, runnable again at {@code notBefore}. */
  public boolean retryLater(
      final JobKey key, final String owner, final String error, final Instant notBefore) {
    return jdbc.sql(
                "UPDATE prover.proof_job SET state = 'queued', not_before = ?, last_error = ?,"
                    + " lease_owner = NULL, lease_until = NULL WHERE block_hash = ?"
                    + " AND proof_type = ? AND state = 'proving' AND lease_owner = ?")
            .params(
                time(notBefore), truncate(error), key.blockHash().toArray(), key.proofType(), owner)
            .update()
        == 1;
  }

  /** PROVING → FAILED after the last attempt. */
  public boolean fail(final JobKey key, final String owner, final String error, final Instant now) {
    return jdbc.sql(
                "UPDATE prover.proof_job SET state = 'failed', last_error = ?, finished_at = ?,"
                    + " lease_owner = NULL, lease_until = NULL WHERE block_hash = ?"
                    + " AND proof_type = ? AND state = 'proving' AND lease_owner = ?")
            .params(truncate(error), time(now), key.blockHash().toArray(), key.proofType(), owner)
            .update()
        == 1;
  }

  /** Leaves a PUBLISHING job for a later re-send (by any replica) after Kafka refused it. */
  public boolean deferPublication(final JobKey key, final String owner, final Instant retryAt) {
    return jdbc.sql(
                "UPDATE prover.proof_job SET lease_until = ? WHERE block_hash = ? AND proof_type ="
                    + " ? AND state = 'publishing' AND lease_owner = ?")
            .params(time(retryAt), key.blockHash().toArray(), key.proofType(), owner)
            .update()
        == 1;
  }

  /** Takes over a PUBLISHING job whose replica died before Kafka's acknowledgement was recorded. */
  public Optional<PendingPublication> claimUnpublished(
      final String owner, final Instant now, final Duration lease) {
    return jdbc.sql(
            "UPDATE prover.proof_job SET lease_owner = ?, lease_until = ?"
                + " WHERE (block_hash, proof_type) = (SELECT block_hash, proof_type"
                + " FROM prover.proof_job WHERE state = 'publishing' AND lease_until < ?"
                + " ORDER BY block_number DESC LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING proof_record, "
                + COLUMNS)
        .params(owner, time(now.plus(lease)), time(now))
        .query((rs, row) -> new PendingPublication(job(rs, row), rs.getBytes("proof_record")))
        .optional();
  }

  /**
   * Called when a replica (re)starts or stops: its own PROVING jobs go back to the queue (the
   * interrupted attempt is not counted) and its PUBLISHING jobs become claimable at once. Safe
   * because a prover id belongs to one replica, which is not working on anything at that moment.
   */
  public int releaseOwn(final String owner, final Instant now) {
    final int requeued =
        jdbc.sql(
                "UPDATE prover.proof_job SET state = 'queued', attempts = GREATEST(attempts - 1,"
                    + " 0), not_before = ?, lease_owner = NULL, lease_until = NULL WHERE state ="
                    + " 'proving' AND lease_owner = ?")
            .params(time(now), owner)
            .update();
    final int unpublished =
        jdbc.sql(
                "UPDATE prover.proof_job SET lease_until = ? WHERE state = 'publishing'"
                    + " AND lease_owner = ?")
            .params(time(now.minusMillis(1)), owner)
            .update();
    return requeued + unpublished;
  }

  /** Gives one job back to the queue without counting the attempt (cancelled by shutdown). */
  public boolean release(final JobKey key, final String owner, final Instant now) {
    return jdbc.sql(
                "UPDATE prover.proof_job SET state = 'queued', attempts = GREATEST(attempts - 1,"
                    + " 0), not_before = ?, lease_owner = NULL, lease_until = NULL WHERE block_hash"
                    + " = ? AND proof_type = ? AND state = 'proving' AND lease_owner = ?")
            .params(time(now), key.blockHash().toArray(), key.proofType(), owner)
            .update()
        == 1;
  }

  /** Drops queued jobs seen before {@code seenBefore}; how many. */
  public int dropQueuedBefore(final Instant seenBefore, final Instant now) {
    return drop("queued_at < ?", "older than the maximum block age", now, time(seenBefore));
  }

  /** Drops queued jobs of blocks at or below the finalized slot; how many. */
  public int dropQueuedAtOrBelowSlot(final long finalizedSlot, final Instant now) {
    return drop("NOT pinned AND slot <= ?", "behind finalization", now, finalizedSlot);
  }

  /** Keeps the newest {@code capacity} queued jobs of a proof type and drops the rest; how many. */
  public int dropBeyondCapacity(final String proofType, final int capacity, final Instant now) {
    return drop(
        "proof_type = ? AND (block_hash, proof_type) IN (SELECT block_hash, proof_type"
            + " FROM prover.proof_job WHERE state = 'queued' AND NOT pinned AND proof_type = ?"
            + " ORDER BY block_number DESC, slot DESC OFFSET ? FOR UPDATE SKIP LOCKED)",
        "queue full",
        now,
        proofType,
        proofType,
        capacity);
  }

  /** Deletes finished jobs (proved, failed, dropped) that finished before {@code before}. */
  public int deleteFinishedBefore(final Instant before) {
    return jdbc.sql(
            "DELETE FROM prover.proof_job WHERE state IN ('proved', 'failed', 'dropped')"
                + " AND finished_at < ?")
        .param(time(before))
        .update();
  }

  public Optional<ProofJob> find(final JobKey key) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM prover.proof_job WHERE block_hash = ? AND proof_type = ?")
        .params(key.blockHash().toArray(), key.proofType())
        .query(ProofJobStore::job)
        .optional();
  }

  /** Jobs in a state, newest block first, at most {@code limit}. */
  public List<ProofJob> findByState(final JobState state, final int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM prover.proof_job WHERE state = ? ORDER BY block_number DESC, slot DESC,"
                + " proof_type LIMIT ?")
        .params(state.label(), limit)
        .query(ProofJobStore::job)
        .list();
  }

  /** A job with its timings. */
  public Optional<JobDetail> detail(final JobKey key) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + ", pinned, not_before, started_at, proved_at, finished_at, prove_millis"
                + " FROM prover.proof_job WHERE block_hash = ? AND proof_type = ?")
        .params(key.blockHash().toArray(), key.proofType())
        .query(
            (rs, row) ->
                new JobDetail(
                    job(rs, row),
                    rs.getBoolean("pinned"),
                    instant(rs, "not_before"),
                    instant(rs, "started_at"),
                    instant(rs, "proved_at"),
                    instant(rs, "finished_at"),
                    rs.getObject("prove_millis", Long.class)))
        .optional();
  }

  /**
   * QUEUED → DROPPED at an operator's request. A job already on a worker is not taken away: the
   * lease fences every replica's later steps, and stopping a GPU mid-proof is the adapter's
   * business (it ends within the job timeout).
   */
  public boolean cancel(final JobKey key, final Instant now) {
    return jdbc.sql(
                "UPDATE prover.proof_job SET state = 'dropped', last_error = 'cancelled by an"
                    + " operator', finished_at = ? WHERE block_hash = ? AND proof_type = ? AND"
                    + " state = 'queued'")
            .params(time(now), key.blockHash().toArray(), key.proofType())
            .update()
        == 1;
  }

  /** Jobs of the blocks with this execution block number (several on forks). */
  public List<ProofJob> findByBlockNumber(final long blockNumber) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM prover.proof_job WHERE block_number = ? ORDER BY slot, proof_type")
        .param(blockNumber)
        .query(ProofJobStore::job)
        .list();
  }

  /** The highest execution block number with jobs, if any (where EL polling resumes). */
  public OptionalLong highestBlockNumber() {
    final Long highest =
        jdbc.sql("SELECT max(block_number) FROM prover.proof_job")
            .query(Long.class)
            .optional()
            .orElse(null);
    return highest == null ? OptionalLong.empty() : OptionalLong.of(highest);
  }

  /** The lowest execution block number with jobs, if any (how far back a reorg walk may go). */
  public OptionalLong lowestBlockNumber() {
    final Long lowest =
        jdbc.sql("SELECT min(block_number) FROM prover.proof_job")
            .query(Long.class)
            .optional()
            .orElse(null);
    return lowest == null ? OptionalLong.empty() : OptionalLong.of(lowest);
  }

  /** Whether jobs were ever made for this execution block (the EL poller's "seen before" test). */
  public boolean knowsExecutionBlock(final Bytes32 blockHash) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM prover.proof_job WHERE block_hash = ?)")
        .param(blockHash.toArray())
        .query(Boolean.class)
        .single();
  }

  /** Whether jobs were ever made for this beacon block (the watcher's "seen before" test). */
  public boolean knowsBeaconBlock(final Bytes32 beaconBlockRoot) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM prover.proof_job WHERE beacon_block_root = ?)")
        .param(beaconBlockRoot.toArray())
        .query(Boolean.class)
        .single();
  }

  public Map<JobState, Long> countByState() {
    final Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    for (final JobState state : JobState.values()) {
      counts.put(state, 0L);
    }
    jdbc.sql("SELECT state, count(*) AS n FROM prover.proof_job GROUP BY state")
        .query(
            rs -> {
              counts.put(JobState.fromLabel(rs.getString("state")), rs.getLong("n"));
            });
    return counts;
  }

  /** Queued jobs per proof type. */
  public Map<String, Long> queuedByProofType() {
    final Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT proof_type, count(*) AS n FROM prover.proof_job WHERE state = 'queued' GROUP BY"
                + " proof_type")
        .query(
            rs -> {
              counts.put(rs.getString("proof_type"), rs.getLong("n"));
            });
    return counts;
  }

  private int drop(
      final String condition, final String reason, final Instant now, final Object... params) {
    final Object[] all = new Object[params.length + 2];
    all[0] = reason;
    all[1] = time(now);
    System.arraycopy(params, 0, all, 2, params.length);
    return jdbc.sql(
            "UPDATE prover.proof_job SET state = 'dropped', last_error = ?, finished_at = ?"
                + " WHERE state = 'queued' AND "
                + condition)
        .params(all)
        .update();
  }

  private static ProofJob job(final ResultSet rs, final int row) throws SQLException {
    final Bytes32 blockHash = Bytes32.wrap(rs.getBytes("block_hash"));
    final BlockRef block =
        new BlockRef(
            blockHash,
            rs.getLong("block_number"),
            rs.getLong("slot"),
            Bytes32.wrap(rs.getBytes("beacon_block_root")),
            rs.getLong("gas_used"),
            ExecutionRequestsColumn.decode(rs.getBytes("execution_requests"), blockHash));
    return new ProofJob(
        block,
        rs.getString("proof_type"),
        JobState.fromLabel(rs.getString("state")),
        rs.getInt("attempts"),
        instant(rs, "queued_at"),
        rs.getString("lease_owner"),
        instant(rs, "lease_until"),
        rs.getString("last_error"));
  }

  private static Instant instant(final ResultSet rs, final String column) throws SQLException {
    final OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime time(final Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(final String error) {
    final String text = error == null ? "unknown error" : error;
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }

  /** A job whose proof waits to be (re-)sent, with the exact record bytes. */
  public record PendingPublication(ProofJob job, byte[] record) {}
}

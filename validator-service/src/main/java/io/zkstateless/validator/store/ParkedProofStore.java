package io.zkstateless.validator.store;

import io.zkstateless.common.model.bytes.Bytes32;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Proofs waiting for their block, kept so that a crash cannot lose them ({@code parked_proof}).
 * Bounded by the same row count and bytes as the in-memory park: an insert that would pass either
 * is refused by the statement itself, so rows whose delete failed (a database blip) can never make
 * the table grow past them; they go with the age sweep.
 */
@Repository
public class ParkedProofStore {

  private final JdbcClient jdbc;

  public ParkedProofStore(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes the proof unless the table already holds {@code maxRows} rows or would pass {@code
   * maxBytes} of proof data; the new row's id, or empty when full. Concurrent writers may each see
   * room, so the bound can be passed by at most one proof per writer thread.
   */
  public OptionalLong save(final ParkedProof proof, final int maxRows, final long maxBytes) {
    return jdbc.sql(
            """
            INSERT INTO parked_proof (block_hash, subnet_id, version, proof_timestamp, proof_data,
                                      proof_size, source_kind, source_id, received_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE (SELECT count(*) FROM parked_proof) < ?
              AND (SELECT coalesce(sum(proof_size), 0) FROM parked_proof) + ? <= ?
            RETURNING id
            """)
        .params(
            proof.blockHash().toArray(),
            proof.subnetId(),
            proof.version(),
            proof.proofTimestamp(),
            proof.proofData(),
            proof.proofData().length,
            proof.sourceKind(),
            proof.sourceId(),
            Timestamp.from(proof.receivedAt()),
            maxRows,
            proof.proofData().length,
            maxBytes)
        .query(Long.class)
        .optional()
        .map(OptionalLong::of)
        .orElseGet(OptionalLong::empty);
  }

  /** Deletes the rows of proofs that no longer wait (stored, rejected, dropped). */
  public int delete(final Collection<Long> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql("DELETE FROM parked_proof WHERE id IN (:ids)").param("ids", ids).update();
  }

  /** Deletes the rows received before {@code cutoff}: too old to wait any longer. */
  public int deleteReceivedBefore(final Instant cutoff) {
    return jdbc.sql("DELETE FROM parked_proof WHERE received_at < ?")
        .param(Timestamp.from(cutoff))
        .update();
  }

  /**
   * The newest rows, at most {@code maxRows} and {@code maxBytes} of proof data together (bounded
   * before anything is read, whatever the table holds), oldest of them first: the order they were
   * parked in.
   */
  public List<ParkedProof> newest(final int maxRows, final long maxBytes) {
    return jdbc.sql(
            """
            SELECT * FROM (
              SELECT *, row_number() OVER newest_first AS newer_rows,
                     sum(proof_size) OVER newest_first AS newer_bytes
              FROM parked_proof WINDOW newest_first AS (ORDER BY id DESC)) newest
            WHERE newer_rows <= ? AND newer_bytes <= ?
            ORDER BY id
            """)
        .params(maxRows, maxBytes)
        .query(ParkedProofStore::map)
        .list();
  }

  /** Deletes every row older than row {@code id} (the ones a restore had no room for). */
  public int deleteOlderThan(final long id) {
    return jdbc.sql("DELETE FROM parked_proof WHERE id < ?").param(id).update();
  }

  public long count() {
    return jdbc.sql("SELECT count(*) FROM parked_proof").query(Long.class).single();
  }

  public long bytes() {
    return jdbc.sql("SELECT coalesce(sum(proof_size), 0) FROM parked_proof").query(Long.class).single();
  }

  private static ParkedProof map(final ResultSet rs, final int row) throws SQLException {
    return new ParkedProof(
        rs.getLong("id"),
        Bytes32.wrap(rs.getBytes("block_hash")),
        rs.getInt("subnet_id"),
        rs.getLong("version"),
        rs.getLong("proof_timestamp"),
        rs.getBytes("proof_data"),
        rs.getString("source_kind"),
        rs.getString("source_id"),
        rs.getTimestamp("received_at").toInstant());
  }
}

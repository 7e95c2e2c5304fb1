package io.zkstateless.validator.store;

import io.zkstateless.common.model.bytes.Bytes32;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Verified proofs, one per (execution block hash, proof type): the unique key makes every source
 * (gossip, Kafka, admin API, a replay after restart) idempotent.
 */
@Repository
public class ProofStore {

  private final JdbcClient jdbc;

  public ProofStore(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the proof unless one of its type is already stored for the block; true if stored. */
  public boolean save(final StoredProof proof) {
    return jdbc.sql(
                """
                INSERT INTO execution_proof
                  (block_hash, proof_type, version, proof_timestamp, proof_data, source, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT ON CONSTRAINT execution_proof_once_per_type DO NOTHING
                """)
            .params(
                proof.blockHash().toArray(),
                proof.proofType(),
                proof.version(),
                proof.proofTimestamp(),
                proof.proofData(),
                proof.source(),
                Timestamp.from(proof.receivedAt()))
            .update()
        == 1;
  }

  /** Proof types stored for a block hash. */
  public List<Integer> typesFor(final Bytes32 blockHash) {
    return jdbc.sql("SELECT proof_type FROM execution_proof WHERE block_hash = ? ORDER BY proof_type")
        .param(blockHash.toArray())
        .query(Integer.class)
        .list();
  }

  /** Proof types stored per block hash, for a bounded batch of hashes (one query, not one each). */
  public Map<Bytes32, List<Integer>> typesFor(final Collection<Bytes32> blockHashes) {
    if (blockHashes.isEmpty()) {
      return Map.of();
    }
    final Map<Bytes32, List<Integer>> types = new HashMap<>();
    jdbc.sql("SELECT block_hash, proof_type FROM execution_proof WHERE block_hash IN (:hashes) ORDER BY proof_type")
        .param("hashes", blockHashes.stream().map(Bytes32::toArray).toList())
        .query(rs -> {
          types.computeIfAbsent(Bytes32.wrap(rs.getBytes(1)), h -> new ArrayList<>()).add(rs.getInt(2));
        });
    return types;
  }

  /** How many proofs are stored per proof type (= subnet); types without proofs are absent. */
  public Map<Integer, Long> countsByProofType() {
    final Map<Integer, Long> counts = new TreeMap<>();
    jdbc.sql("SELECT proof_type, count(*) FROM execution_proof GROUP BY proof_type")
        .query(rs -> {
          counts.put(rs.getInt(1), rs.getLong(2));
        });
    return counts;
  }

  /** Every stored proof of a block hash, with its data, lowest proof type first. */
  public List<StoredProof> proofsFor(final Bytes32 blockHash) {
    return jdbc.sql(
            "SELECT proof_type, version, proof_timestamp, proof_data, source, received_at"
                + " FROM execution_proof WHERE block_hash = ? ORDER BY proof_type")
        .param(blockHash.toArray())
        .query((rs, row) -> new StoredProof(blockHash, rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getBytes(4),
            rs.getString(5), rs.getTimestamp(6).toInstant()))
        .list();
  }

  /** (block hash, proof type) of every proof whose block is stored at or above {@code slot}. */
  public List<ProofKey> keysForBlocksFromSlot(final long slot) {
    return jdbc.sql(
            """
            SELECT DISTINCT p.block_hash, p.proof_type FROM execution_proof p
            JOIN beacon_block b ON b.execution_block_hash = p.block_hash
            WHERE b.slot >= ?
            """)
        .param(slot)
        .query((rs, row) -> new ProofKey(Bytes32.wrap(rs.getBytes(1)), rs.getInt(2)))
        .list();
  }

  public List<ProofSummary> summariesFor(final Bytes32 blockHash) {
    return jdbc.sql(SUMMARY + " WHERE block_hash = ? ORDER BY proof_type")
        .param(blockHash.toArray())
        .query(ProofStore::summary)
        .list();
  }

  public Optional<ProofSummary> summary(final long id) {
    return jdbc.sql(SUMMARY + " WHERE id = ?").param(id).query(ProofStore::summary).optional();
  }

  public long count() {
    return jdbc.sql("SELECT count(*) FROM execution_proof").query(Long.class).single();
  }

  /**
   * Deletes proofs whose block is no longer stored, once they are older than {@code orphanedBefore}
   * (a proof verified before its block arrived is kept until then).
   */
  public int pruneOrphans(final Instant orphanedBefore) {
    return jdbc.sql(
            """
            DELETE FROM execution_proof p
            WHERE p.received_at < ?
              AND NOT EXISTS (SELECT 1 FROM beacon_block b WHERE b.execution_block_hash = p.block_hash)
            """)
        .param(Timestamp.from(orphanedBefore))
        .update();
  }

  private static final String SUMMARY =
      "SELECT id, block_hash, proof_type, version, proof_timestamp, octet_length(proof_data) AS size,"
          + " source, received_at FROM execution_proof";

  private static ProofSummary summary(final java.sql.ResultSet rs, final int row)
      throws java.sql.SQLException {
    return new ProofSummary(
        rs.getLong("id"),
        Bytes32.wrap(rs.getBytes("block_hash")),
        rs.getInt("proof_type"),
        rs.getInt("version"),
        rs.getLong("proof_timestamp"),
        rs.getInt("size"),
        rs.getString("source"),
        rs.getTimestamp("received_at").toInstant());
  }

  /** A stored proof's identity. */
  public record ProofKey(Bytes32 blockHash, int proofType) {}
}

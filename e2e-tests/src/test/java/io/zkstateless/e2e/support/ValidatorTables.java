package io.zkstateless.e2e.support;

import io.zkstateless.common.model.bytes.Bytes32;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The validator's proof table read straight from its database, so that a test can check it while
 * the validator is a child process, or dead.
 */
public final class ValidatorTables {

  private final JdbcClient jdbc;

  public ValidatorTables(final String database) {
    this.jdbc =
        JdbcClient.create(
            new SimpleDriverDataSource(new org.postgresql.Driver(), database, "postgres", ""));
  }

  /** One "block hash/proof type" line per row of {@code execution_proof}. */
  public List<String> storedProofs() {
    return jdbc.sql("SELECT block_hash, proof_type FROM execution_proof")
        .query((rs, n) -> Bytes32.wrap(rs.getBytes(1)).toHexString() + "/" + rs.getInt(2))
        .list();
  }

  /** (block hash, proof type) pairs stored more than once: empty unless the schema is broken. */
  public List<String> duplicates() {
    return jdbc.sql(
            "SELECT block_hash, proof_type, count(*) FROM execution_proof"
                + " GROUP BY block_hash, proof_type HAVING count(*) > 1")
        .query(
            (rs, n) ->
                Bytes32.wrap(rs.getBytes(1)).toHexString() + "/" + rs.getInt(2) + " x" + rs.getInt(3))
        .list();
  }

  /** Rows of {@code parked_proof}: proofs waiting for their block, kept through a crash. */
  public long parkedProofs() {
    return jdbc.sql("SELECT count(*) FROM parked_proof").query(Long.class).single();
  }

  /** When the stored proof of (block hash, proof type) was received, and from which source. */
  public Map.Entry<String, Instant> receipt(final String blockHash, final int proofType) {
    return jdbc.sql("SELECT source, received_at FROM execution_proof WHERE block_hash = ? AND proof_type = ?")
        .params(Bytes32.fromHex(blockHash).toArray(), proofType)
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant()))
        .single();
  }

  /** Rows per {@code source} column (kafka, gossip, admin). */
  public Map<String, Integer> countBySource() {
    final Map<String, Integer> counts = new TreeMap<>();
    jdbc.sql("SELECT source, count(*) FROM execution_proof GROUP BY source")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }
}

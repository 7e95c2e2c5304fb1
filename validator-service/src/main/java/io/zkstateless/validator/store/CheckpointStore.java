package io.zkstateless.validator.store;

import io.zkstateless.common.model.bytes.Bytes32;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The finalized checkpoint and optimistic head the proven view restarts from. */
@Repository
public class CheckpointStore {

  /** Names of the checkpoints kept. */
  public enum Name {
    FINALIZED,
    HEAD
  }

  private final JdbcClient jdbc;

  public CheckpointStore(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(final Name name, final Bytes32 root, final long slot, final Instant now) {
    jdbc.sql(
            """
            INSERT INTO chain_checkpoint (name, root, slot, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE
              SET root = EXCLUDED.root, slot = EXCLUDED.slot, updated_at = EXCLUDED.updated_at
            """)
        .params(key(name), root.toArray(), slot, Timestamp.from(now))
        .update();
  }

  public Optional<Bytes32> root(final Name name) {
    return jdbc.sql("SELECT root FROM chain_checkpoint WHERE name = ?")
        .param(key(name))
        .query((rs, row) -> Bytes32.wrap(rs.getBytes(1)))
        .optional();
  }

  private static String key(final Name name) {
    return name.name().toLowerCase(java.util.Locale.ROOT);
  }
}

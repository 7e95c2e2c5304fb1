package io.zkstateless.validator.store;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.chain.BeaconBlock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Beacon blocks of the optimistic view, all branches, since the finalized checkpoint. */
@Repository
public class BlockStore {

  private final JdbcClient jdbc;

  public BlockStore(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the block once; false if it was already stored (a replayed event). */
  public boolean save(final BeaconBlock block) {
    return jdbc.sql(
                """
                INSERT INTO beacon_block
                  (root, slot, parent_root, execution_block_hash, execution_block_number, first_seen)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (root) DO NOTHING
                """)
            .params(
                block.root().toArray(),
                block.slot(),
                block.parentRoot().toArray(),
                block.executionBlockHash().toArray(),
                block.executionBlockNumber(),
                Timestamp.from(block.firstSeen()))
            .update()
        == 1;
  }

  /** Blocks at or above {@code slot}, lowest slot first, so parents come before children. */
  public List<BeaconBlock> fromSlot(final long slot) {
    return jdbc.sql("SELECT * FROM beacon_block WHERE slot >= ? ORDER BY slot, root")
        .param(slot)
        .query(BlockStore::map)
        .list();
  }

  public java.util.Optional<BeaconBlock> byRoot(final Bytes32 root) {
    return jdbc.sql("SELECT * FROM beacon_block WHERE root = ?")
        .param(root.toArray())
        .query(BlockStore::map)
        .optional();
  }

  public List<BeaconBlock> byExecutionBlockHash(final Bytes32 executionBlockHash) {
    return jdbc.sql("SELECT * FROM beacon_block WHERE execution_block_hash = ? ORDER BY slot")
        .param(executionBlockHash.toArray())
        .query(BlockStore::map)
        .list();
  }

  /** Deletes blocks at or below the finalized slot, except the finalized block itself. */
  public int pruneBelow(final BeaconBlock finalized) {
    return jdbc.sql("DELETE FROM beacon_block WHERE slot <= ? AND root <> ?")
        .params(finalized.slot(), finalized.root().toArray())
        .update();
  }

  static BeaconBlock map(final ResultSet rs, final int row) throws SQLException {
    return new BeaconBlock(
        Bytes32.wrap(rs.getBytes("root")),
        rs.getLong("slot"),
        Bytes32.wrap(rs.getBytes("parent_root")),
        Bytes32.wrap(rs.getBytes("execution_block_hash")),
        rs.getLong("execution_block_number"),
        rs.getTimestamp("first_seen").toInstant());
  }
}

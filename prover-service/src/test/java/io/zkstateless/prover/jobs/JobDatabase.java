package io.zkstateless.prover.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh database on the embedded PostgreSQL, migrated by the service's own Flyway scripts, behind
 * a small connection pool as in the service.
 */
public final class JobDatabase {

  private final String url = EmbeddedPostgresSupport.newDatabase();
  private final HikariDataSource dataSource = pool(url);

  public JobDatabase() {
    Flyway.configure().dataSource(dataSource).schemas("prover").load().migrate();
  }

  private static HikariDataSource pool(final String url) {
    final HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  /** Closes the connection pool. */
  public void close() {
    dataSource.close();
  }

  public String url() {
    return url;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  /** A new store on the same database, as another replica would have. */
  public ProofJobStore store() {
    return new ProofJobStore(jdbc());
  }

  /** Block {@code n}: hash, beacon root and slot derived from the number. */
  public static BlockRef block(final long number) {
    return new BlockRef(hash('e', number), number, number + 1000, hash('r', number), 15_000_000);
  }

  public static Bytes32 hash(final char kind, final long number) {
    final byte[] bytes = new byte[32];
    bytes[0] = (byte) kind;
    for (int i = 0; i < 8; i++) {
      bytes[31 - i] = (byte) (number >>> (8 * i));
    }
    return Bytes32.wrap(bytes);
  }
}

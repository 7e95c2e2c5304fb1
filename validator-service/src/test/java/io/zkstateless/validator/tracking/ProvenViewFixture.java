package io.zkstateless.validator.tracking;

import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.validator.config.ProofStoreProperties;
import io.zkstateless.validator.config.ZkChainProperties;
import io.zkstateless.validator.store.BlockStore;
import io.zkstateless.validator.store.CheckpointStore;
import io.zkstateless.validator.store.ProofStore;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh migrated database on the shared embedded PostgreSQL, and services on top of it. The pool
 * keeps no idle connections for long: every test class makes fixtures, they share one server of
 * 100 connections, and a pool that kept 8 open per fixture ran it out.
 */
public final class ProvenViewFixture implements AutoCloseable {

  public final JdbcClient jdbc;
  private final HikariDataSource dataSource;

  public ProvenViewFixture() {
    // A pooled data source, as the service runs with in production (Hikari via Spring Boot).
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(EmbeddedPostgresSupport.newDatabase());
    dataSource.setUsername("postgres");
    dataSource.setMaximumPoolSize(8);
    dataSource.setMinimumIdle(0);
    dataSource.setIdleTimeout(10_000);
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbc = JdbcClient.create((DataSource) dataSource);
  }

  /** A service over this database, as a (re)started process would build it. */
  public ProvenChainService service(final ProvenChainListener listener, final Clock clock) {
    return new ProvenChainService(
        new BlockStore(jdbc),
        new ProofStore(jdbc),
        new CheckpointStore(jdbc),
        new ZkChainProperties(true, 1, 8, false),
        new ProofStoreProperties(10_000, 64, Duration.ofMinutes(10)),
        listener,
        clock);
  }

  /** Closes the pool. */
  @Override
  public void close() {
    dataSource.close();
  }
}

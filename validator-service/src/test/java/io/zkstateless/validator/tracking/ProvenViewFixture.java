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

/** A fresh migrated database on the shared embedded PostgreSQL, and services on top of it. */
public final class ProvenViewFixture {

  public final JdbcClient jdbc;

  public ProvenViewFixture() {
    // A pooled data source, as the service runs with in production (Hikari via Spring Boot).
    final HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(EmbeddedPostgresSupport.newDatabase());
    dataSource.setUsername("postgres");
    dataSource.setMaximumPoolSize(8);
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
}

package io.zkstateless.common.test.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (zonky embedded binaries) started once per test JVM and shared. Each
 * caller gets its own fresh database, so test classes never see each other's rows. Used where
 * Docker, and so Testcontainers, is not available.
 */
public final class EmbeddedPostgresSupport {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private EmbeddedPostgresSupport() {}

  /** A JDBC URL of a new, empty database on the shared server (user postgres, no password). */
  public static synchronized String newDatabase() {
    final String name = "zk_test_" + DATABASES.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (final SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /** The shared server, started on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (final IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresSupport::close));
    }
    return server;
  }

  private static synchronized void close() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (final IOException e) {
      // The JVM is exiting; the data directory is temporary either way.
    }
  }
}

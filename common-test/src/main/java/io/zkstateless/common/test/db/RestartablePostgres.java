package io.zkstateless.common.test.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;

/**
 * A PostgreSQL server of its own (zonky embedded binaries, not the shared {@link
 * EmbeddedPostgresSupport} one) that a fault test can stop and start again on the same port and
 * data directory, as an operator's database restart would: committed rows survive, every open
 * connection dies.
 */
public final class RestartablePostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres server;

  private RestartablePostgres(final Path dataDirectory, final int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /** Initialises a new data directory and starts the server on a free port. */
  public static RestartablePostgres start() {
    try {
      final RestartablePostgres postgres =
          new RestartablePostgres(Files.createTempDirectory("restartable-postgres"), freePort());
      postgres.startAgain();
      return postgres;
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot start a restartable PostgreSQL", e);
    }
  }

  /** A JDBC URL of a new, empty database (user postgres, no password). */
  public String newDatabase(final String name) {
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (final SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
  }

  public int port() {
    return port;
  }

  /** Stops the server (fast shutdown: open connections are terminated); the data stays. */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (final IOException e) {
        throw new UncheckedIOException("Cannot stop PostgreSQL", e);
      }
      server = null;
    }
  }

  /** Starts the server again on the same port and data directory. */
  public synchronized void startAgain() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
      } catch (final IOException e) {
        throw new UncheckedIOException("Cannot start PostgreSQL on " + dataDirectory, e);
      }
    }
  }

  @Override
  public synchronized void close() {
    stop();
    try (var paths = Files.walk(dataDirectory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (final IOException e) {
      // A temporary directory; the OS cleans it eventually.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

package io.zkstateless.devnet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A real PostgreSQL server from the zonky embedded binaries, with its data directory in the run
 * directory. {@code pg_ctl} starts the postmaster detached from this JVM, so its PID is read from
 * {@code postmaster.pid} and handed to the supervisor, which stops it with everything else.
 */
public final class PostgresServer {

  private final Path dataDir;
  private final int port;

  public PostgresServer(final Path dataDir, final int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Starts the server, creates {@code databases} and gives the postmaster to the supervisor. */
  public void start(final ProcessSupervisor supervisor, final List<String> databases)
      throws IOException {
    Files.createDirectories(dataDir);
    final Path log = dataDir.resolveSibling("postgres.log");
    final EmbeddedPostgres server =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("max_connections", "60")
            .setServerConfig("shared_buffers", "16MB")
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            // The supervisor stops the postmaster by PID, with everything else.
            .setRegisterShutdownHook(false)
            .start();
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      for (final String database : databases) {
        statement.execute("CREATE DATABASE " + database);
      }
    } catch (final SQLException e) {
      throw new IllegalStateException("Cannot create the devnet databases", e);
    }
    supervisor.adopt("postgres", postmasterPid(), log);
  }

  public String jdbcUrl(final String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private long postmasterPid() throws IOException {
    // The first line of postmaster.pid is the postmaster's PID.
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
  }
}

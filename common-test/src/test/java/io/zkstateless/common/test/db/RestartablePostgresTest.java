package io.zkstateless.common.test.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A restart keeps the port and the committed rows; connections open across it die. */
class RestartablePostgresTest {

  @Test
  void keepsPortAndDataAcrossARestart() throws Exception {
    try (RestartablePostgres postgres = RestartablePostgres.start()) {
      final String url = postgres.newDatabase("kept");
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE t (v int)");
        statement.execute("INSERT INTO t VALUES (42)");
        postgres.stop();
        assertThatThrownBy(() -> statement.execute("SELECT 1")).isInstanceOf(SQLException.class);
      }
      postgres.startAgain();
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT v FROM t")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(42);
      }
    }
  }
}

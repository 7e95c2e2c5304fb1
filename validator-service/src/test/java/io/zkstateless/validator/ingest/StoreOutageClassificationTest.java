package io.zkstateless.validator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

/** Which listener failures wait for the database (retried) and which skip the record. */
class StoreOutageClassificationTest {

  @Test
  void aLostOrMissingConnectionOrATimeoutIsAnOutageEvenWhenWrapped() {
    assertThat(IngestConfiguration.isStoreOutage(new ListenerExecutionFailedException("listener failed",
        new CannotGetJdbcConnectionException("pool empty", new SQLException("timeout", "08001"))))).isTrue();
    assertThat(IngestConfiguration.isStoreOutage(new QueryTimeoutException("slow"))).isTrue();
  }

  @Test
  void anUnavailableVerifierIsAnOutageEvenWhenWrapped() {
    assertThat(IngestConfiguration.isVerifierOutage(new ListenerExecutionFailedException("listener failed",
        new VerifierUnavailableException("sp1 verifier: breaker open")))).isTrue();
    assertThat(IngestConfiguration.isVerifierOutage(new IllegalArgumentException("bug"))).isFalse();
  }

  @Test
  void badRecordsAndPermanentDataErrorsAreNotRetried() {
    assertThat(IngestConfiguration.isStoreOutage(
        new DeserializationException("bad bytes", new byte[] {1}, false, new IllegalStateException()))).isFalse();
    assertThat(IngestConfiguration.isStoreOutage(new DataIntegrityViolationException("check failed"))).isFalse();
    assertThat(IngestConfiguration.isStoreOutage(new IllegalArgumentException("bug"))).isFalse();
  }
}

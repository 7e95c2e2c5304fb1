package io.zkstateless.broadcaster.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;

class RetryAttemptsProperties {

  @Property
  void readsTheAttemptWhicheverWaySpringEncodedIt(
      @ForAll @IntRange(min = 1, max = 1_000_000) final int n) {
    assertThat(RetryAttempts.current(headers(BigInteger.valueOf(n).toByteArray()))).isEqualTo(n);
    assertThat(RetryAttempts.current(headers(ByteBuffer.allocate(4).putInt(n).array())))
        .isEqualTo(n);
  }

  @Property
  void anyHeaderValueGivesAPositiveAttemptAndNeverThrows(
      @ForAll @Size(max = 12) final byte[] value) {
    assertThat(RetryAttempts.current(headers(value))).isPositive();
  }

  @Property(tries = 1)
  void noHeaderIsTheFirstAttempt() {
    assertThat(RetryAttempts.current(new RecordHeaders())).isEqualTo(1);
  }

  private static RecordHeaders headers(final byte[] value) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS, value);
    return headers;
  }
}

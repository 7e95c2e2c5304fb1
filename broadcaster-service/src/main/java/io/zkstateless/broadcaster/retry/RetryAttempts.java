package io.zkstateless.broadcaster.retry;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/**
 * Reads Spring Kafka's {@code retry_topic-attempts} header: absent on the main topic (attempt 1),
 * then the number of the attempt the record is on. Spring writes it as a big-endian integer of a
 * few bytes; anything longer than 4 bytes or non-positive is treated as absent.
 */
public final class RetryAttempts {

  private RetryAttempts() {}

  /** The number of the attempt a record is on: 1 on the main topic. */
  public static int current(final Headers headers) {
    final Header header = headers.lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
    if (header == null
        || header.value() == null
        || header.value().length == 0
        || header.value().length > 4) {
      return 1;
    }
    int value = 0;
    for (final byte b : header.value()) {
      value = (value << 8) | (b & 0xff);
    }
    return value > 0 ? value : 1;
  }
}

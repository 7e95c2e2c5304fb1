package io.zkstateless.broadcaster.consume;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

/** The reason Spring Kafka recorded on a dead-lettered record, trimmed to something readable. */
public final class DeadLetterReason {

  private static final int MAX = 500;
  private static final String LISTENER_FAILED = "Listener failed; ";

  private DeadLetterReason() {}

  public static String of(final Headers headers) {
    final Header message =
        last(headers, KafkaHeaders.EXCEPTION_MESSAGE, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    final Header type =
        last(headers, KafkaHeaders.EXCEPTION_CAUSE_FQCN, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
    String text = message == null ? "unknown" : new String(message.value(), StandardCharsets.UTF_8);
    // Spring prefixes the listener's own message with where it failed; keep the listener's words.
    if (text.startsWith(LISTENER_FAILED)) {
      text = text.substring(LISTENER_FAILED.length());
    }
    if (type != null) {
      final String fqcn = new String(type.value(), StandardCharsets.UTF_8);
      text = fqcn.substring(fqcn.lastIndexOf('.') + 1) + ": " + text;
    }
    return text.length() > MAX ? text.substring(0, MAX) : text;
  }

  /**
   * Spring Kafka 4 writes {@code kafka_exception-*}; older producers wrote {@code
   * kafka_dlt-exception-*}.
   */
  private static Header last(final Headers headers, final String name, final String legacyName) {
    final Header header = headers.lastHeader(name);
    return header != null ? header : headers.lastHeader(legacyName);
  }
}

package io.zkstateless.broadcaster.consume;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

/** The reason Spring Kafka recorded on a dead-lettered record, trimmed to something readable. */
public final class DeadLetterReason {

  private static final int MAX = 500;

  private DeadLetterReason() {}

  public static String of(final Headers headers) {
    final Header message = headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    final Header type = headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
    String text = message == null ? "unknown" : new String(message.value(), StandardCharsets.UTF_8);
    // Spring prefixes the listener's own message with where it failed; keep the listener's words.
    final int cut = text.lastIndexOf("failed; ");
    if (cut >= 0) {
      text = text.substring(cut + "failed; ".length());
    }
    if (type != null) {
      final String fqcn = new String(type.value(), StandardCharsets.UTF_8);
      text = fqcn.substring(fqcn.lastIndexOf('.') + 1) + ": " + text;
    }
    return text.length() > MAX ? text.substring(0, MAX) : text;
  }
}

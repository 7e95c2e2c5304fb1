package io.zkstateless.prover.proving.zkboost;

import io.zkstateless.common.service.sse.SseReader;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event of zkboost's proof stream: {@code proof_complete {new_payload_request_root,
 * proof_type}} or {@code proof_failure {…, reason, error}}.
 *
 * @param complete true for {@code proof_complete}
 * @param root the {@code new_payload_request_root}, lowercase 0x hex
 * @param proofType zkboost's proof type name
 * @param reason the failure reason ({@code witness_timeout}, {@code proving_timeout}, {@code
 *     proving_error}, {@code internal_error}); empty for a completion
 * @param error zkboost's failure text; empty for a completion
 */
record ZkboostEvent(boolean complete, String root, String proofType, String reason, String error) {

  /** Parses a stream event; empty for other event names and for malformed data. */
  static Optional<ZkboostEvent> parse(final SseReader.Event event, final JsonMapper json) {
    final boolean complete = "proof_complete".equals(event.name());
    if (!complete && !"proof_failure".equals(event.name())) {
      return Optional.empty();
    }
    try {
      final JsonNode data = json.readTree(event.data());
      final String root = text(data, "new_payload_request_root");
      final String type = text(data, "proof_type");
      if (root.isEmpty() || type.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new ZkboostEvent(
              complete,
              root.toLowerCase(Locale.ROOT),
              type,
              complete ? "" : text(data, "reason"),
              complete ? "" : text(data, "error")));
    } catch (final JacksonException e) {
      return Optional.empty();
    }
  }

  /**
   * The prover's failure reason for a zkboost failure: the labels {@code prover_failures_total}
   * already uses where they mean the same ({@code timeout}, {@code worker_error}).
   */
  String proverReason() {
    return switch (reason) {
      case "witness_timeout" -> "witness_timeout";
      case "proving_timeout" -> "timeout";
      case "proving_error" -> "worker_error";
      case "internal_error" -> "zkboost_internal_error";
      default -> "worker_error";
    };
  }

  private static String text(final JsonNode data, final String field) {
    final JsonNode value = data.get(field);
    return value != null && value.isString() ? value.asString() : "";
  }
}

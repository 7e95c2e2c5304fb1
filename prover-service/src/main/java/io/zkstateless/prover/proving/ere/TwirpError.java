package io.zkstateless.prover.proving.ere;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A twirp error ({@code {"code","msg","meta"}}, twirp protocol v7), or the error a twirp client
 * derives from the HTTP status when the body is not one (a proxy's 502 page, say). {@code code} is
 * always one of twirp's {@link #CODES}, so it can label metrics.
 *
 * @param code twirp error code, e.g. {@code internal}, {@code invalid_argument}
 * @param msg the server's message (cut to {@link #MAX_MESSAGE_CHARS})
 * @param meta the server's string metadata, possibly empty
 * @param httpStatus the HTTP status that carried it
 */
public record TwirpError(String code, String msg, Map<String, String> meta, int httpStatus) {

  /** The codes of the twirp protocol; anything else is read as {@code unknown}. */
  public static final Set<String> CODES =
      Set.of(
          "canceled",
          "unknown",
          "invalid_argument",
          "malformed",
          "deadline_exceeded",
          "not_found",
          "bad_route",
          "already_exists",
          "permission_denied",
          "unauthenticated",
          "resource_exhausted",
          "failed_precondition",
          "aborted",
          "out_of_range",
          "unimplemented",
          "internal",
          "unavailable",
          "dataloss");

  static final int MAX_MESSAGE_CHARS = 500;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public TwirpError {
    meta = Map.copyOf(meta);
    msg = msg.length() > MAX_MESSAGE_CHARS ? msg.substring(0, MAX_MESSAGE_CHARS) + "…" : msg;
  }

  /** Reads an error response: the twirp JSON body if it is one, else twirp's status mapping. */
  public static TwirpError of(final int httpStatus, final byte[] body) {
    try {
      final JsonNode json = JSON.readTree(body);
      final JsonNode code = json.path("code");
      if (code.isString()) {
        final Map<String, String> meta = new TreeMap<>();
        json.path("meta")
            .properties()
            .forEach(entry -> meta.put(entry.getKey(), entry.getValue().asString("")));
        final String name = CODES.contains(code.asString()) ? code.asString() : "unknown";
        return new TwirpError(name, json.path("msg").asString(""), meta, httpStatus);
      }
    } catch (final JacksonException | IllegalArgumentException e) {
      // Not a twirp error body: fall through to the status mapping.
    }
    return new TwirpError(
        fromStatus(httpStatus),
        "HTTP " + httpStatus + " without a twirp error body",
        Map.of(),
        httpStatus);
  }

  /** Twirp's mapping of a non-twirp HTTP error status to a code (the twirp clients do the same). */
  static String fromStatus(final int status) {
    return switch (status) {
      case 401 -> "unauthenticated";
      case 403 -> "permission_denied";
      case 404 -> "bad_route";
      case 429, 502, 503, 504 -> "unavailable";
      default -> status >= 300 && status < 500 ? "internal" : "unknown";
    };
  }

  @Override
  public String toString() {
    return "twirp "
        + code
        + " (HTTP "
        + httpStatus
        + "): "
        + msg
        + (meta.isEmpty() ? "" : " " + meta);
  }
}

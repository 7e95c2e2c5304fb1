package io.zkstateless.prover.proving.ere;

import io.zkstateless.prover.proving.ProvingException;
import java.util.Set;

/**
 * Maps what can go wrong in an ere call to the prover's failure classes. The reason label is {@code
 * ere_<twirp code>} for twirp errors (a fixed set), {@code ere_timeout}, {@code ere_unreachable} or
 * {@code ere_malformed_response} otherwise.
 *
 * <p>Only an input the server refuses as such is the job's fault: {@code invalid_argument}, {@code
 * malformed} and {@code out_of_range} on {@code Prove} say the request itself is wrong and will be
 * as wrong on every server. Everything else (a {@code internal} panic, {@code unavailable}, a
 * {@code bad_route} from a misconfigured URL, a timeout) says something about this server, so the
 * job may be retried, elsewhere if the breaker takes this worker out.
 */
final class EreFailures {

  private static final Set<String> INPUT_REFUSED =
      Set.of("invalid_argument", "malformed", "out_of_range");
  private static final int MAX_MESSAGE_CHARS = 300;

  private EreFailures() {}

  static ProvingException classify(final Throwable error) {
    if (error instanceof ProvingException proving) {
      return proving;
    }
    if (error instanceof EreCallException call) {
      return switch (call.kind()) {
        case TWIRP -> {
          final TwirpError twirp = call.twirpError().orElseThrow();
          final boolean inputRefused =
              "Prove".equals(call.method()) && INPUT_REFUSED.contains(twirp.code());
          yield new ProvingException("ere_" + twirp.code(), call.getMessage(), !inputRefused);
        }
        case TIMEOUT -> new ProvingException("ere_timeout", call.getMessage());
        case TRANSPORT -> ProvingException.outage("ere_unreachable", call.getMessage());
        case MALFORMED -> new ProvingException("ere_malformed_response", call.getMessage());
      };
    }
    return new ProvingException("worker_error", String.valueOf(error));
  }

  /** A server's free-text error, cut so that one bad answer cannot flood the job table. */
  static String shorten(final String message) {
    return message.length() > MAX_MESSAGE_CHARS
        ? message.substring(0, MAX_MESSAGE_CHARS) + "…"
        : message;
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import java.time.Duration;

/**
 * Req/resp deadlines: the first response byte within {@code timeToFirstByte}, the whole response
 * (and, for a responder, the whole request) within {@code response}.
 */
public record ReqRespTimeouts(Duration timeToFirstByte, Duration response) {

  /** The phase 0 values: TTFB_TIMEOUT 5 s, RESP_TIMEOUT 10 s. */
  public static final ReqRespTimeouts SPEC =
      new ReqRespTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

  public ReqRespTimeouts {
    if (timeToFirstByte.isNegative() || timeToFirstByte.isZero()) {
      throw new IllegalArgumentException("timeToFirstByte must be positive");
    }
    if (response.compareTo(timeToFirstByte) < 0) {
      throw new IllegalArgumentException("response timeout must not be below timeToFirstByte");
    }
  }
}

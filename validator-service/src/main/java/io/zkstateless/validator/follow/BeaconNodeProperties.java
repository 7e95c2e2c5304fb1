package io.zkstateless.validator.follow;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the validator follows a beacon node ({@code validator.beacon.*}).
 *
 * @param url Beacon API base URL of any client (Lighthouse, Teku, Lodestar, ...)
 * @param enabled whether to follow at all (tests and offline tools switch it off)
 * @param requestTimeout timeout of one REST call (headers, blocks), and of the event stream's response headers
 * @param reconnectInitialBackoff first wait after the event stream drops; doubles up to the maximum
 * @param reconnectMaxBackoff the longest wait between reconnect attempts
 * @param maxBackfillBlocks how far back a backfill walks before it re-anchors at the finalized block
 * @param maxResponseBytes largest REST response body accepted (a block with its payload)
 * @param stallTimeout an event stream silent for this long is considered dead and reopened
 */
@Validated
@ConfigurationProperties("validator.beacon")
public record BeaconNodeProperties(
    @NotNull @DefaultValue("http://localhost:5052") URI url,
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT5S") Duration requestTimeout,
    @DefaultValue("PT0.5S") Duration reconnectInitialBackoff,
    @DefaultValue("PT30S") Duration reconnectMaxBackoff,
    @DefaultValue("8192") @Min(1) @Max(1_000_000) int maxBackfillBlocks,
    @DefaultValue("33554432") @Min(65_536) int maxResponseBytes,
    @DefaultValue("PT60S") Duration stallTimeout) {

  public BeaconNodeProperties {
    if (!url.getScheme().equals("http") && !url.getScheme().equals("https")) {
      throw new IllegalArgumentException("validator.beacon.url must be http(s): " + url);
    }
    if (reconnectMaxBackoff.compareTo(reconnectInitialBackoff) < 0) {
      throw new IllegalArgumentException("validator.beacon.reconnect-max-backoff is below the initial backoff");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("validator.beacon.request-timeout must be positive");
    }
  }
}

package io.zkstateless.prover.watch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the prover learns of new blocks ({@code prover.watch.*}).
 *
 * @param source {@code beacon}: the beacon node's SSE stream (every block, side branches included);
 *     {@code execution}: polling the execution client ({@code eth_blockNumber}, {@code
 *     eth_getBlockByNumber}; canonical blocks only, no beacon root); {@code none}: admin requests
 *     only
 * @param url Beacon API base URL
 * @param requestTimeout timeout of one REST call
 * @param reconnectInitialBackoff first wait after the stream drops; doubles up to the maximum
 * @param reconnectMaxBackoff the longest wait between reconnects
 * @param maxBackfillBlocks how far back from a new block the watcher walks to fill a gap
 * @param maxResponseBytes largest REST response accepted (a block with its payload)
 * @param slotsPerEpoch to turn finalized epochs into slots
 * @param pollInterval how often the {@code execution} source asks for the head number
 * @param genesisTime beacon genesis (unix seconds), so the {@code execution} source can derive the
 *     slot from the block timestamp; negative when unknown (slot 0 is then reported)
 * @param secondsPerSlot slot length for the same derivation
 * @param stallTimeout an event stream silent this long is taken for dead and reopened (nodes send a
 *     {@code head} event every slot, so silence means a half-open connection)
 * @param beaconLookup with the {@code execution} source, whether the beacon node at {@code url}
 *     may be asked for what an execution block lacks: its execution requests, which {@code ere}
 *     pools need for blocks that carry any (with the {@code beacon} source the node is always
 *     asked)
 */
@Validated
@ConfigurationProperties("prover.watch")
public record WatchProperties(
    @NotNull @DefaultValue("beacon") Source source,
    @NotNull @DefaultValue("http://localhost:5052") URI url,
    @DurationMin(millis = 1) @DefaultValue("PT5S") Duration requestTimeout,
    @DurationMin(millis = 1) @DefaultValue("PT0.5S") Duration reconnectInitialBackoff,
    @DurationMin(millis = 1) @DefaultValue("PT30S") Duration reconnectMaxBackoff,
    @DefaultValue("64") @Min(1) @Max(100_000) int maxBackfillBlocks,
    @DefaultValue("33554432") @Min(65_536) int maxResponseBytes,
    @DefaultValue("32") @Min(1) @Max(1024) int slotsPerEpoch,
    @DurationMin(millis = 10) @DefaultValue("PT2S") Duration pollInterval,
    @DefaultValue("-1") long genesisTime,
    @DefaultValue("12") @Min(1) @Max(3600) int secondsPerSlot,
    @DurationMin(seconds = 1) @DefaultValue("PT60S") Duration stallTimeout,
    @DefaultValue("false") boolean beaconLookup) {

  /** Where blocks come from. */
  public enum Source {
    BEACON,
    EXECUTION,
    NONE
  }

  /** Whether a beacon node is at hand to complete what a job lacks (see {@code beaconLookup}). */
  public boolean beaconNodeConfigured() {
    return source != Source.EXECUTION || beaconLookup;
  }

  /** The slot of a block with this timestamp, or 0 when the genesis time is not configured. */
  public long slotAt(final long timestamp) {
    return genesisTime < 0 || timestamp < genesisTime
        ? 0
        : (timestamp - genesisTime) / secondsPerSlot;
  }

  public WatchProperties {
    if (url != null && !"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("prover.watch.url must be http(s): " + url);
    }
    if (reconnectMaxBackoff != null
        && reconnectInitialBackoff != null
        && reconnectMaxBackoff.compareTo(reconnectInitialBackoff) < 0) {
      throw new IllegalArgumentException(
          "prover.watch.reconnect-max-backoff is below the initial backoff");
    }
  }
}

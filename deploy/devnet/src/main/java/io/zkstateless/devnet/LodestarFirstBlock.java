package io.zkstateless.devnet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waits for a just launched Lodestar to make its first block, telling a start merely slow from one
 * too slow for its genesis: Lodestar makes blocks only while its head is at most {@code
 * SLOTS_PER_EPOCH} slots behind the clock, so one that is not up by then never makes any.
 *
 * @param beacon Lodestar's REST API
 * @param genesisTime its genesis, unix seconds
 * @param secondsPerSlot its slot length
 * @param log its log, for the messages
 */
record LodestarFirstBlock(URI beacon, long genesisTime, int secondsPerSlot, Path log) {

  /** A Lodestar whose REST API has not answered by this slot is about to be stuck for good. */
  static final int LIVE_BY_SLOT = LodestarChain.SLOTS_PER_EPOCH - 2;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Until Lodestar's head is past genesis: how long after {@code launched} its REST API answered;
   * empty when it had not answered by {@link #LIVE_BY_SLOT}, so it may be launched again (no
   * service can have anchored on its chain, whose genesis root is gone with it).
   *
   * @throws IllegalStateException if it answers but has made no block two slots after the point
   *     where Lodestar stops producing
   */
  Optional<Duration> await(final Instant launched, final DevnetChain.StartupCheck startup)
      throws InterruptedException {
    final Instant relaunchAfter =
        Instant.ofEpochSecond(genesisTime + (long) LIVE_BY_SLOT * secondsPerSlot);
    final long failSlot = LodestarChain.SLOTS_PER_EPOCH + 2L;
    final Instant failAfter = Instant.ofEpochSecond(genesisTime + failSlot * secondsPerSlot);
    final HttpGet rest = new HttpGet(beacon);
    Duration restUp = null;
    while (true) {
      startup.check("Lodestar (see " + log + ")");
      final Optional<String> head = rest.get("/eth/v1/beacon/headers/head");
      if (head.isPresent()) {
        if (restUp == null) {
          restUp = Duration.between(launched, Instant.now());
        }
        if (headSlot(head.get()) > 0) {
          return Optional.of(restUp);
        }
        if (Instant.now().isAfter(failAfter)) {
          throw new IllegalStateException(
              "Lodestar answers but made no block by slot " + failSlot + "; see " + log);
        }
      } else if (Instant.now().isAfter(relaunchAfter)) {
        return Optional.empty();
      }
      Thread.sleep(250);
    }
  }

  private static long headSlot(final String body) {
    try {
      return JSON.readTree(body).path("data").path("header").path("message").path("slot").asLong();
    } catch (final JacksonException e) {
      return 0;
    }
  }
}

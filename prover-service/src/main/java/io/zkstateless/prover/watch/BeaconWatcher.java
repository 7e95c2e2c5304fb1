package io.zkstateless.prover.watch;

import io.zkstateless.common.service.sse.SseReader;
import io.zkstateless.prover.jobs.FinalizedSlot;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the beacon node's {@code block}, {@code head}, {@code chain_reorg} and {@code
 * finalized_checkpoint} events on one thread: subscribe first, then catch up (so nothing between
 * catch-up and stream start is missed), then hand every block root to {@link BlockIntake}. Catching
 * up walks back from the head to a known block, then scans every slot from the node's finalized
 * slot to the head (at most {@code max-backfill-blocks}) for blocks of side branches missed while
 * the prover was down or the stream was gone. A {@code chain_reorg} scans the slots it spans. Any
 * failure reconnects with exponential backoff; every reconnect catches up again. Events are hints:
 * malformed ones are skipped, and the block itself is always fetched.
 */
public final class BeaconWatcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(BeaconWatcher.class);
  private static final String TOPICS =
      "topics=block&topics=head&topics=finalized_checkpoint&topics=chain_reorg";
  private static final int MAX_EVENT_BYTES = 16 * 1024;

  private final HttpClient http;
  private final JsonMapper json;
  private final BeaconBlocksClient beacon;
  private final BlockIntake intake;
  private final FinalizedSlot finalized;
  private final WatchProperties config;
  private volatile boolean running;
  private volatile boolean connected;
  private volatile String lastError;
  private volatile Thread thread;
  private volatile InputStream stream;
  private volatile long lastEventNanos = System.nanoTime();
  private ScheduledExecutorService watchdog;

  public BeaconWatcher(
      final HttpClient http,
      final JsonMapper json,
      final BeaconBlocksClient beacon,
      final BlockIntake intake,
      final FinalizedSlot finalized,
      final WatchProperties config) {
    this.http = http;
    this.json = json;
    this.beacon = beacon;
    this.intake = intake;
    this.finalized = finalized;
    this.config = config;
  }

  /** Whether the event stream is open and caught up. */
  public boolean connected() {
    return connected;
  }

  public String lastError() {
    return lastError;
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("beacon-watcher").daemon().start(this::loop);
    watchdog =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("beacon-watcher-watchdog").daemon().factory());
    watchdog.scheduleWithFixedDelay(this::closeIfStalled, 1, 1, TimeUnit.SECONDS);
  }

  /** Closes a stream that has been silent for the stall timeout; the loop then reconnects. */
  void closeIfStalled() {
    final InputStream current = stream;
    if (current != null
        && connected
        && System.nanoTime() - lastEventNanos > config.stallTimeout().toNanos()) {
      LOG.warn("No event from {} for {}; reconnecting", config.url(), config.stallTimeout());
      closeQuietly(current);
    }
  }

  @Override
  public void stop() {
    running = false;
    if (watchdog != null) {
      watchdog.shutdownNow();
    }
    final InputStream current = stream;
    if (current != null) {
      closeQuietly(current);
    }
    final Thread worker = thread;
    if (worker != null) {
      worker.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    Duration backoff = config.reconnectInitialBackoff();
    while (running) {
      try {
        followOnce();
      } catch (final IOException | BeaconWatchException e) {
        lastError = e.getMessage();
      } catch (final InterruptedException e) {
        return;
      } catch (final RuntimeException e) {
        lastError = e.toString();
        LOG.error("Beacon watcher failed", e);
      }
      if (connected) {
        backoff = config.reconnectInitialBackoff();
      }
      connected = false;
      if (!running) {
        return;
      }
      LOG.warn("Beacon node {}: {}; reconnecting in {}", config.url(), lastError, backoff);
      try {
        Thread.sleep(backoff);
      } catch (final InterruptedException e) {
        return;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(config.reconnectMaxBackoff()) > 0
              ? config.reconnectMaxBackoff()
              : backoff.multipliedBy(2);
    }
  }

  private void followOnce() throws IOException, InterruptedException {
    final URI uri = config.url().resolve("/eth/v1/events?" + TOPICS);
    final HttpRequest request =
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
    final HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = new BufferedInputStream(response.body())) {
      if (response.statusCode() != 200) {
        throw new BeaconWatchException("GET /eth/v1/events: HTTP " + response.statusCode());
      }
      stream = body;
      lastEventNanos = System.nanoTime();
      intake.onBlock(beacon.headRoot("head"));
      backfillSinceFinalized();
      connected = true;
      lastError = null;
      final SseReader reader = new SseReader(body);
      SseReader.Event event;
      while (running && (event = reader.next()) != null) {
        lastEventNanos = System.nanoTime();
        apply(event);
      }
      throw new IOException("event stream closed at " + Instant.now());
    } finally {
      stream = null;
    }
  }

  private void backfillSinceFinalized() {
    final long head = beacon.headerSlot("head");
    final long finalizedSlot = beacon.headerSlot("finalized");
    final int created =
        intake.backfillSlots(
            Math.max(finalizedSlot + 1, head - config.maxBackfillBlocks() + 1), head);
    if (created > 0) {
      LOG.info("Backfill up to slot {} found {} new jobs", head, created);
    }
  }

  private static void closeQuietly(final InputStream in) {
    try {
      in.close();
    } catch (final IOException e) {
      // Best effort: the reader fails either way and the loop reconnects or ends.
    }
  }

  private void apply(final SseReader.Event event) {
    final JsonNode data;
    try {
      if (event.data().length() > MAX_EVENT_BYTES) {
        throw new BeaconWatchException("oversize event data");
      }
      data = json.readTree(event.data());
      switch (event.name()) {
        case "block", "head" -> intake.onBlock(BeaconJson.root(data, "block"));
        case "chain_reorg" -> {
          final long slot = BeaconJson.uint(data, "slot");
          final long depth = Math.min(BeaconJson.uint(data, "depth"), config.maxBackfillBlocks());
          intake.onBlock(BeaconJson.root(data, "new_head_block"));
          intake.backfillSlots(slot - depth, slot);
        }
        case "finalized_checkpoint" ->
            finalized.advanceTo(
                Math.multiplyExact(BeaconJson.uint(data, "epoch"), (long) config.slotsPerEpoch()));
        default -> LOG.debug("Ignoring event {}", event.name());
      }
    } catch (final JacksonException | ArithmeticException e) {
      LOG.debug("Ignoring malformed {} event: {}", event.name(), e.getMessage());
    } catch (final BeaconWatchException e) {
      // A malformed event is skipped; a block the node cannot serve is retried by the next walk.
      LOG.debug("Skipping {} event: {}", event.name(), e.getMessage());
    }
  }
}

package io.zkstateless.validator.follow;

import io.zkstateless.common.service.sse.SseReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the follower on one dedicated thread: subscribe to SSE, backfill, then apply events in
 * order. Any failure (node down, stream dropped, malformed answer) puts it in DISCONNECTED and it
 * reconnects with exponential backoff; every reconnect backfills, so gaps close by themselves.
 * There is no event queue: a slow follower lets TCP push back on the node.
 */
public class BeaconFollowerRunner implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(BeaconFollowerRunner.class);
  static final String TOPICS = "topics=head&topics=block&topics=finalized_checkpoint&topics=chain_reorg";

  private final HttpClient http;
  private final ChainFollower follower;
  private final BeaconEventParser parser;
  private final BeaconNodeProperties config;
  private final FollowerMetrics metrics;
  private final AtomicReference<FollowerStatus> status =
      new AtomicReference<>(new FollowerStatus(FollowerState.STARTING, null, null));
  private volatile Thread thread;
  private ScheduledExecutorService watchdog;
  private volatile boolean running;
  private volatile boolean followedSinceLastFailure;
  private volatile InputStream currentStream;
  private volatile Instant lastEventAt = Instant.now();
  /** Serialises event application with operator-requested backfills. */
  private final Object applyLock = new Object();
  private final AtomicBoolean backfillQueued = new AtomicBoolean();
  private volatile ExecutorService backfills;

  public BeaconFollowerRunner(
      final HttpClient http,
      final ChainFollower follower,
      final BeaconEventParser parser,
      final BeaconNodeProperties config,
      final FollowerMetrics metrics) {
    this.http = http;
    this.follower = follower;
    this.parser = parser;
    this.config = config;
    this.metrics = metrics;
  }

  public FollowerStatus status() {
    return status.get();
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("beacon-follower").daemon().start(this::loop);
    watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("beacon-follower-watchdog").daemon().factory());
    watchdog.scheduleWithFixedDelay(() -> checkStall(Instant.now()), 1, 1, TimeUnit.SECONDS);
    backfills = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("beacon-backfill").daemon().factory());
  }

  /**
   * Asks for a backfill now (admin API), on its own thread so the caller does not wait for the
   * node. Requests while one is queued are merged into it; false when merged or not running.
   * Without a connection the next reconnect backfills anyway.
   */
  public boolean requestBackfill() {
    final ExecutorService executor = backfills;
    if (!running || executor == null || !backfillQueued.compareAndSet(false, true)) {
      return false;
    }
    executor.execute(() -> {
      backfillQueued.set(false);
      try {
        synchronized (applyLock) {
          follower.backfill();
        }
        LOG.info("Backfill requested by an operator done");
      } catch (final RuntimeException e) {
        LOG.warn("Backfill requested by an operator failed: {}", e.toString());
      }
    });
    return true;
  }

  @Override
  public void stop() {
    running = false;
    if (watchdog != null) {
      watchdog.shutdownNow();
    }
    if (backfills != null) {
      backfills.shutdownNow();
    }
    final Thread current = thread;
    if (current != null) {
      current.interrupt();
    }
    status.set(new FollowerStatus(FollowerState.STOPPED, null, Instant.now()));
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    Duration backoff = config.reconnectInitialBackoff();
    while (running) {
      followedSinceLastFailure = false;
      try {
        followOnce();
      } catch (final IOException | RuntimeException e) {
        if (!running) {
          // stop() interrupted the stream read: not a disconnect, and the state stays STOPPED.
          return;
        }
        recordFailure(e, backoff);
      } catch (final InterruptedException e) {
        return;
      }
      if (followedSinceLastFailure) {
        backoff = config.reconnectInitialBackoff();
      }
      if (!sleep(backoff)) {
        return;
      }
      backoff = min(backoff.multipliedBy(2), config.reconnectMaxBackoff());
    }
  }

  /**
   * Called periodically: a stream that delivers nothing for the stall timeout is closed, because
   * a silently dead connection would otherwise block the reader forever (beacon nodes emit a
   * {@code head} event every slot).
   */
  public void checkStall(final Instant now) {
    final InputStream stream = currentStream;
    if (stream != null
        && status.get().state() == FollowerState.FOLLOWING
        && Duration.between(lastEventAt, now).compareTo(config.stallTimeout()) > 0) {
      LOG.warn("No event from {} for {}; reconnecting", config.url(), config.stallTimeout());
      try {
        stream.close();
      } catch (final IOException e) {
        // Closing is best effort; the reader fails either way.
      }
    }
  }

  /** One connection: subscribe first so no event between backfill and stream start is missed. */
  private void followOnce() throws IOException, InterruptedException {
    final URI uri = config.url().resolve("/eth/v1/events?" + TOPICS);
    final HttpRequest request =
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
    final HttpResponse<InputStream> response =
        awaitHeaders(http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
    try (InputStream body = new BufferedInputStream(response.body())) {
      if (response.statusCode() != 200) {
        throw new BeaconApiException("GET /eth/v1/events: HTTP " + response.statusCode());
      }
      status.set(new FollowerStatus(FollowerState.BACKFILLING, null, Instant.now()));
      synchronized (applyLock) {
        follower.backfill();
      }
      lastEventAt = Instant.now();
      currentStream = body;
      status.set(new FollowerStatus(FollowerState.FOLLOWING, null, Instant.now()));
      followedSinceLastFailure = true;
      final SseReader reader = new SseReader(body);
      SseReader.Event event;
      while (running && (event = reader.next()) != null) {
        lastEventAt = Instant.now();
        apply(event);
      }
      throw new IOException("event stream closed");
    } finally {
      currentStream = null;
    }
  }

  /**
   * The event stream's response headers, or an IOException after the request timeout. A node that
   * accepts the connection but never answers (a black hole) would otherwise hold the follower
   * forever: the stall watchdog only watches a stream that has started. The body, a stream as long
   * as the connection, is not bounded by this.
   */
  private HttpResponse<InputStream> awaitHeaders(final CompletableFuture<HttpResponse<InputStream>> pending)
      throws IOException, InterruptedException {
    try {
      return pending.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (final TimeoutException e) {
      abandon(pending);
      throw new IOException("GET /eth/v1/events: no response within " + config.requestTimeout());
    } catch (final InterruptedException e) {
      abandon(pending);
      throw e;
    } catch (final ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("GET /eth/v1/events: " + e.getCause(), e.getCause());
    }
  }

  /** Cancels the request; a response that won the race is closed rather than leaked. */
  private static void abandon(final CompletableFuture<HttpResponse<InputStream>> pending) {
    pending.cancel(true);
    pending.thenAccept(late -> {
      try {
        late.body().close();
      } catch (final IOException e) {
        // Nothing more to release.
      }
    });
  }

  private void apply(final SseReader.Event event) {
    final BeaconEvent parsed;
    try {
      parsed = parser.parse(event.name(), event.data());
    } catch (final BeaconApiException e) {
      metrics.event(event.name(), "rejected");
      LOG.debug("Ignoring malformed {} event: {}", event.name(), e.getMessage());
      return;
    }
    synchronized (applyLock) {
      follower.handle(parsed);
    }
    metrics.event(event.name(), "applied");
  }

  private void recordFailure(final Exception e, final Duration backoff) {
    metrics.disconnected();
    if (e instanceof IOException || e instanceof BeaconApiException) {
      status.set(new FollowerStatus(FollowerState.DISCONNECTED, e.getMessage(), Instant.now()));
      LOG.warn("Beacon node {}: {}; reconnecting in {}", config.url(), e.getMessage(), backoff);
    } else {
      status.set(new FollowerStatus(FollowerState.DISCONNECTED, e.toString(), Instant.now()));
      LOG.error("Beacon follower failed; reconnecting in {}", backoff, e);
    }
  }

  /** Waits until the follower thread has ended after {@link #stop()}; false on timeout. */
  boolean awaitTermination(final Duration timeout) throws InterruptedException {
    final Thread current = thread;
    return current == null || current.join(timeout);
  }

  private boolean sleep(final Duration duration) {
    try {
      Thread.sleep(duration);
      return running;
    } catch (final InterruptedException e) {
      return false;
    }
  }

  private static Duration min(final Duration a, final Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The follower's state, the last error and when it changed. */
  public record FollowerStatus(FollowerState state, String lastError, Instant since) {}
}

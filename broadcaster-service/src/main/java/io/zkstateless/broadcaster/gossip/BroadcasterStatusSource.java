package io.zkstateless.broadcaster.gossip;

import io.zkstateless.broadcaster.fork.ForkDigestSource;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.p2p.eth2.reqresp.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Status (eth2 req/resp) the broadcaster's p2p node tells peers. Consensus clients drop a peer
 * whose Status does not fit their chain, so with a beacon node it mirrors that node's head ({@code
 * /eth/v1/beacon/headers/head}) and finalized checkpoint ({@code
 * /eth/v1/beacon/states/head/finality_checkpoints}), polled every {@code pollInterval} with bounded
 * timeouts and bodies. Without one (a fixed fork digest), or until the first poll succeeds, the
 * roots are zero and the epoch and slot 0: peers see a node at genesis, which some consensus clients
 * keep only as long as they have room, and may drop.
 *
 * <p>{@link #get()} runs on network threads, so it only reads what the poller keeps; a failed poll
 * keeps the last values.
 */
final class BroadcasterStatusSource implements Supplier<Status>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BroadcasterStatusSource.class);
  private static final int MAX_BODY = 64 * 1024;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The chain position a Status carries besides the fork digest. */
  record ChainPosition(Bytes32 finalizedRoot, long finalizedEpoch, Bytes32 headRoot, long headSlot) {
    static final ChainPosition GENESIS = new ChainPosition(Bytes32.ZERO, 0, Bytes32.ZERO, 0);
  }

  private final ForkDigestSource forkDigest;
  private final Optional<URI> beaconUrl;
  private final Duration timeout;
  private final HttpClient http;
  private final AtomicReference<ChainPosition> position =
      new AtomicReference<>(ChainPosition.GENESIS);
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("broadcaster-status-poll").daemon().factory());

  BroadcasterStatusSource(
      final ForkDigestSource forkDigest, final Optional<URI> beaconUrl, final Duration timeout) {
    this.forkDigest = forkDigest;
    this.beaconUrl = beaconUrl;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** With a beacon node, polls it now and then every {@code interval}. */
  void start(final Duration interval) {
    if (beaconUrl.isPresent()) {
      poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** One poll of the beacon node; a failure is logged and the last values kept. */
  void poll() {
    try {
      final JsonNode head = get("/eth/v1/beacon/headers/head");
      final JsonNode finalized =
          get("/eth/v1/beacon/states/head/finality_checkpoints").path("finalized");
      position.set(
          new ChainPosition(
              root(finalized.path("root")),
              uint(finalized.path("epoch")),
              root(head.path("root")),
              uint(head.path("header").path("message").path("slot"))));
    } catch (final IOException | RuntimeException e) {
      LOG.debug("Beacon node head for our Status unavailable: {}", e.toString());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Status get() {
    final ChainPosition now = position.get();
    return new Status(
        ImmutableBytes.of(forkDigest.current().toBytes()),
        now.finalizedRoot(),
        now.finalizedEpoch(),
        now.headRoot(),
        now.headSlot());
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }

  /** The {@code data} of a Beacon API answer, the body read up to {@link #MAX_BODY}. */
  private JsonNode get(final String path) throws IOException, InterruptedException {
    final HttpRequest request =
        HttpRequest.newBuilder(beaconUrl.orElseThrow().resolve(path)).timeout(timeout).GET().build();
    final HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    final byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (response.statusCode() != 200) {
      throw new IOException(path + ": HTTP " + response.statusCode());
    }
    if (body.length > MAX_BODY) {
      throw new IOException(path + ": body exceeds " + MAX_BODY + " bytes");
    }
    try {
      return JSON.readTree(body).path("data");
    } catch (final JacksonException e) {
      throw new IOException(path + ": not JSON: " + e.getOriginalMessage());
    }
  }

  private static Bytes32 root(final JsonNode value) {
    if (!value.isString() || !value.asString().matches("0x[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("not a 32-byte root: " + value);
    }
    return Bytes32.fromHex(value.asString());
  }

  private static long uint(final JsonNode value) {
    if (!value.isString() || !value.asString().matches("[0-9]{1,20}")) {
      throw new IllegalArgumentException("not a uint64: " + value);
    }
    return Long.parseUnsignedLong(value.asString());
  }
}

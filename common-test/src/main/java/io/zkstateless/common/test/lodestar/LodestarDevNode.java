package io.zkstateless.common.test.lodestar;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Lodestar 1.5.1 beacon node ({@code lodestar dev}) as a child process: minimal preset, a
 * few interop validators that all run inside it, genesis shortly after launch, Altair, Bellatrix and Capella active
 * from epoch 0 (so every block carries a Capella execution payload, built by a {@link
 * MockEngineApi}), REST and libp2p TCP on free loopback ports, discovery off, a fresh data
 * directory. Its output goes to {@code <workDir>/lodestar.log}.
 *
 * <p>Callers check {@link LodestarInstall#unavailableReason()} first and skip when it says why.
 */
public final class LodestarDevNode implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  /**
   * Genesis lies this far after launch. Lodestar produces blocks only while its head is at most
   * SLOTS_PER_EPOCH (8) slots behind the clock; with genesis at launch, a start slower than 8 slots
   * (16 s at 2-second slots, seen on a loaded machine) leaves it "syncing" forever with no block.
   */
  private static final Duration GENESIS_DELAY = Duration.ofSeconds(12);

  /**
   * A start whose REST API answers later than this many slots after genesis is relaunched with
   * genesis further ahead (the start-up time just measured plus {@link #GENESIS_DELAY}): Lodestar
   * would stay "syncing" with no block. Node took over a minute to start on a machine at load 20.
   */
  private static final int LATEST_START_SLOT = 6;

  private static final int MAX_LAUNCHES = 3;

  /** System property for Lodestar's {@code --logLevel} ({@code info} unless set; {@code debug} shows req/resp). */
  public static final String LOG_LEVEL_PROPERTY = "lodestar.logLevel";

  private final Process process;
  private final MockEngineApi engine;
  private final Path dataDir;
  private final Path log;
  private final URI restUrl;
  private final int p2pPort;
  private final int secondsPerSlot;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Duration startupTime;
  private String peerId;

  private LodestarDevNode(
      final Process process, final MockEngineApi engine, final Path dataDir, final Path log,
      final int restPort, final int p2pPort, final int secondsPerSlot, final Instant launched,
      final Instant genesis) {
    this.process = process;
    this.engine = engine;
    this.dataDir = dataDir;
    this.log = log;
    this.restUrl = URI.create("http://127.0.0.1:" + restPort);
    this.p2pPort = p2pPort;
    this.secondsPerSlot = secondsPerSlot;
    awaitRest();
    this.startupTime = Duration.between(launched, Instant.now());
    if (Instant.now().isAfter(genesis.plusSeconds((long) LATEST_START_SLOT * secondsPerSlot))) {
      throw new LateStartException(startupTime);
    }
    awaitFirstBlock();
  }

  /** Lodestar's REST API answered too long after genesis for it to ever produce a block. */
  private static final class LateStartException extends IllegalStateException {
    private final Duration startupTime;

    LateStartException(final Duration startupTime) {
      super("Lodestar's REST API answered " + startupTime + " after launch, too late after genesis");
      this.startupTime = startupTime;
    }
  }

  /**
   * Starts Lodestar with {@code validators} interop validators and {@code secondsPerSlot}-second
   * slots, writing under {@code workDir} (created if needed), and waits until its REST API answers
   * and it has produced its first block.
   */
  public static LodestarDevNode start(final Path workDir, final int validators, final int secondsPerSlot)
      throws IOException {
    Duration genesisDelay = GENESIS_DELAY;
    for (int launch = 1; ; launch++) {
      try {
        return launch(workDir, validators, secondsPerSlot, genesisDelay);
      } catch (final LateStartException e) {
        if (launch == MAX_LAUNCHES) {
          throw e;
        }
        genesisDelay = e.startupTime.plus(GENESIS_DELAY);
        System.out.printf("%s; relaunching with genesis %s ahead%n", e.getMessage(), genesisDelay);
      }
    }
  }

  private static LodestarDevNode launch(
      final Path workDir, final int validators, final int secondsPerSlot, final Duration genesisDelay)
      throws IOException {
    Files.createDirectories(workDir);
    final Path dataDir = Files.createTempDirectory(workDir.toAbsolutePath(), "lodestar-data-");
    final Path jwt = dataDir.resolve("jwt.hex");
    final byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Files.writeString(jwt, HexFormat.of().formatHex(secret));
    final int restPort = freePort();
    final int p2pPort = freePort();
    final long genesisTime = Instant.now().plus(genesisDelay).getEpochSecond();
    final MockEngineApi engine = MockEngineApi.start();
    final LodestarDevCommand command =
        new LodestarDevCommand(
            genesisTime, validators, secondsPerSlot, engine.url(), jwt, restPort, p2pPort, dataDir,
            System.getProperty(LOG_LEVEL_PROPERTY, "info"));
    final Path log = workDir.toAbsolutePath().resolve("lodestar.log");
    final ProcessBuilder builder =
        new ProcessBuilder(command.command())
            .directory(dataDir.toFile()) // `lodestar dev` writes genesis.ssz into its working directory
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(command.environment());
    final Instant launched = Instant.now();
    final Process process = builder.start();
    try {
      return new LodestarDevNode(
          process, engine, dataDir, log, restPort, p2pPort, secondsPerSlot, launched,
          Instant.ofEpochSecond(genesisTime));
    } catch (final RuntimeException e) {
      destroyTree(process);
      engine.close();
      deleteTree(dataDir);
      throw e;
    }
  }

  private void awaitRest() {
    final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Lodestar exited with " + process.exitValue() + "; see " + log);
      }
      try {
        peerId = get("/eth/v1/node/identity").path("data").path("peer_id").asString();
        return;
      } catch (final IllegalStateException e) {
        sleep(Duration.ofMillis(250));
      }
    }
    throw new IllegalStateException("Lodestar's REST API did not answer in " + STARTUP_TIMEOUT + "; see " + log);
  }

  /** Waits until the chain is live: a block after genesis is the head. */
  private void awaitFirstBlock() {
    final Duration timeout = GENESIS_DELAY.plus(Duration.ofSeconds(8L * secondsPerSlot + 30));
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Lodestar exited with " + process.exitValue() + "; see " + log);
      }
      if (headSlot() > 0) {
        return;
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException("Lodestar produced no block in " + timeout + "; see " + log);
  }

  /** The head block's slot, or 0 while the REST API does not answer. */
  private long headSlot() {
    try {
      return Long.parseLong(
          get("/eth/v1/beacon/headers/head").path("data").path("header").path("message").path("slot").asString("0"));
    } catch (final IllegalStateException | NumberFormatException e) {
      return 0;
    }
  }

  /** GETs a Beacon API path and parses the JSON; an error status or I/O failure is an {@link IllegalStateException}. */
  public JsonNode get(final String path) {
    return find(path)
        .orElseThrow(() -> new IllegalStateException("GET " + path + ": HTTP 404"));
  }

  /** As {@link #get}, but a 404 (no such block, for instance) is empty rather than an error. */
  public Optional<JsonNode> find(final String path) {
    final HttpRequest request =
        HttpRequest.newBuilder(restUrl.resolve(path)).timeout(Duration.ofSeconds(5))
            .header("Accept", "application/json").GET().build();
    try {
      final HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
      }
      return Optional.of(JSON.readTree(response.body()));
    } catch (final IOException e) {
      throw new IllegalStateException("GET " + path + ": " + e, e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + path + ": interrupted", e);
    }
  }

  public URI restUrl() {
    return restUrl;
  }

  /** Lodestar's libp2p peer id (base58), from {@code /eth/v1/node/identity}. */
  public String peerId() {
    return peerId;
  }

  /** Where to dial Lodestar: {@code /ip4/127.0.0.1/tcp/<port>/p2p/<peer id>}. */
  public String p2pMultiaddr() {
    return "/ip4/127.0.0.1/tcp/" + p2pPort + "/p2p/" + peerId;
  }

  /** {@code genesis_validators_root}, {@code 0x}-prefixed hex. */
  public String genesisValidatorsRoot() {
    return get("/eth/v1/beacon/genesis").path("data").path("genesis_validators_root").asString();
  }

  /** The current fork version of the head state, {@code 0x}-prefixed hex (4 bytes). */
  public String currentForkVersion() {
    return get("/eth/v1/beacon/states/head/fork").path("data").path("current_version").asString();
  }

  public int secondsPerSlot() {
    return secondsPerSlot;
  }

  /** From launch until the REST API first answered. */
  public Duration startupTime() {
    return startupTime;
  }

  public MockEngineApi engine() {
    return engine;
  }

  public Path log() {
    return log;
  }

  /** Kills Lodestar and every process it started, stops the engine and deletes the data directory. */
  @Override
  public void close() throws IOException {
    destroyTree(process);
    engine.close();
    deleteTree(dataDir);
  }

  private static void deleteTree(final Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** SIGTERM to the tree; Lodestar's graceful stop can hang, so SIGKILL after a few seconds. */
  private static void destroyTree(final Process process) {
    final List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(final Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Lodestar", e);
    }
  }
}

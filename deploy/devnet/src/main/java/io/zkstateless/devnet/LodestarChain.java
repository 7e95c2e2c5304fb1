package io.zkstateless.devnet;

import io.zkstateless.common.test.lodestar.LodestarDevCommand;
import io.zkstateless.devnet.chain.LodestarExecutionMain;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lodestar 1.5.1 in dev mode as the devnet's beacon node, and beside it one JVM with its Engine
 * API and the execution client stand-in ({@link LodestarExecutionMain}), so every payload Lodestar
 * puts in a block is a restamped recorded block whose witness the stand-in serves.
 *
 * <p>Both start only once the services are live and the validator is subscribed to every proof
 * subnet ({@link #release}), with genesis {@link #GENESIS_DELAY} after Lodestar's launch. Blocks made before that
 * would be proved late or not at all: the prover backfills only so far, and the validator's proven
 * head only moves over an unbroken run of proven blocks from the finalized one. Every port is
 * chosen up front, so the services are given the URLs at their start and retry until they answer,
 * and Lodestar retries the Engine API until the stand-in listens. Lodestar produces blocks only
 * while its head is at most 8 slots behind the clock, so it must be up by genesis + 8 slots; when
 * it is not (a loaded machine), it is launched again with a later genesis.
 */
final class LodestarChain implements DevnetChain {

  /** Validators of the dev chain (interop keys 0..7, all run inside Lodestar). */
  static final int VALIDATORS = 8;

  /** Lodestar's minimal preset. */
  static final int SLOTS_PER_EPOCH = 8;

  /** From Lodestar's launch to genesis; see the class comment. */
  static final Duration GENESIS_DELAY = Duration.ofSeconds(12);

  /** Launches of Lodestar, each with twice the genesis delay of the one before. */
  static final int LAUNCH_ATTEMPTS = 3;

  /** Lodestar's graceful stop can hang; after this long it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final DevnetOptions options;
  private final ProcessSupervisor supervisor;
  private final JavaCommand java;
  private final Path runDir;
  private final PrintStream out;
  private final int restPort = freePort();
  private final int p2pPort = freePort();
  private final int enginePort = freePort();
  private final int executionPort = freePort();

  LodestarChain(
      final DevnetOptions options,
      final ProcessSupervisor supervisor,
      final JavaCommand java,
      final Path runDir,
      final PrintStream out) {
    this.options = options;
    this.supervisor = supervisor;
    this.java = java;
    this.runDir = runDir;
    this.out = out;
  }

  /** Nothing yet: both processes start in {@link #release}. */
  @Override
  public void start() {}

  @Override
  public Endpoints awaitEndpoints(final StartupCheck startup) {
    final Map<String, String> printed = new LinkedHashMap<>();
    printed.put("beacon node (Lodestar)", beaconUrl());
    printed.put("Lodestar libp2p", "/ip4/127.0.0.1/tcp/" + p2pPort);
    printed.put("engine API (mock)", engineUrl().toString());
    printed.put("execution client", executionUrl());
    return new Endpoints(beaconUrl(), executionUrl(), printed);
  }

  /**
   * Launches the execution stand-in and Lodestar, and waits until Lodestar has made a block. A
   * Lodestar whose REST API does not answer by {@link LodestarFirstBlock#LIVE_BY_SLOT} (a start
   * slower than the
   * genesis delay, on a loaded machine) would never make a block; it is stopped and launched again
   * with twice the delay, up to {@link #LAUNCH_ATTEMPTS} times.
   */
  @Override
  public void release(final StartupCheck startup) throws IOException, InterruptedException {
    final Path genesisFile = runDir.resolve("genesis-time");
    final Path endpointsFile = runDir.resolve("execution-endpoints.properties");
    writeGenesis(genesisFile, Instant.now().plus(GENESIS_DELAY).getEpochSecond());
    final List<String> execution = new ArrayList<>(java.command("execution", 256));
    execution.add("-Ddevnet.log.level=INFO");
    execution.add(LodestarExecutionMain.class.getName());
    execution.add(genesisFile.toString());
    execution.add(Integer.toString(secondsPerSlot()));
    execution.add(String.join(",", options.fixtures()));
    execution.add(Integer.toString(enginePort));
    execution.add(Integer.toString(executionPort));
    execution.add(endpointsFile.toString());
    supervisor.start("execution-stand-in", execution, Map.of(), runDir.resolve("execution.log"));

    Duration delay = GENESIS_DELAY;
    for (int attempt = 1; ; attempt++) {
      final Instant launched = Instant.now();
      final long genesisTime = launched.plus(delay).getEpochSecond();
      writeGenesis(genesisFile, genesisTime);
      final Process lodestar = launch(genesisTime, attempt);
      out.printf(
          "devnet: Lodestar genesis at %s (in %d s): %d s slots, %d validators, minimal preset%n",
          LocalTime.ofInstant(Instant.ofEpochSecond(genesisTime), ZoneId.systemDefault())
              .format(TIME),
          delay.toSeconds(),
          secondsPerSlot(),
          VALIDATORS);
      awaitFile(endpointsFile, startup);
      final Optional<Duration> restUp =
          new LodestarFirstBlock(
                  URI.create(beaconUrl()), genesisTime, secondsPerSlot(),
                  runDir.resolve("lodestar.log"))
              .await(launched, startup);
      if (restUp.isPresent()) {
        out.printf(
            "devnet: Lodestar's REST API answered %.1f s after launch; its chain has begun%n",
            restUp.get().toMillis() / 1000.0);
        return;
      }
      if (attempt == LAUNCH_ATTEMPTS) {
        throw new IllegalStateException(
            "Lodestar made no block in " + LAUNCH_ATTEMPTS + " launches; see "
                + runDir.resolve("lodestar.log"));
      }
      out.printf(
          "devnet: Lodestar's REST API did not answer by slot %d (it started too slowly for its"
              + " genesis); launching it again with a longer delay%n",
          LodestarFirstBlock.LIVE_BY_SLOT);
      supervisor.stop(lodestar);
      delay = delay.multipliedBy(2);
    }
  }

  private Process launch(final long genesisTime, final int attempt) throws IOException {
    final Path dataDir =
        Files.createDirectories(runDir.resolve(attempt == 1 ? "lodestar" : "lodestar-" + attempt));
    final Path jwt = runDir.resolve("lodestar-jwt.hex");
    final byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Files.writeString(jwt, HexFormat.of().formatHex(secret));
    final LodestarDevCommand command =
        new LodestarDevCommand(
            genesisTime,
            VALIDATORS,
            secondsPerSlot(),
            engineUrl(),
            jwt,
            restPort,
            p2pPort,
            dataDir,
            System.getProperty("lodestar.logLevel", "info"));
    // The working directory is the data directory: `lodestar dev` writes genesis.ssz there.
    return supervisor.start(
        "lodestar",
        command.command(),
        command.environment(),
        runDir.resolve("lodestar.log"),
        dataDir,
        STOP_GRACE);
  }

  private void awaitFile(final Path file, final StartupCheck startup) throws InterruptedException {
    while (!Files.exists(file)) {
      startup.check("the execution stand-in (see " + runDir.resolve("execution.log") + ")");
      Thread.sleep(200);
    }
  }

  private static void writeGenesis(final Path file, final long genesisTime) throws IOException {
    final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, Long.toString(genesisTime));
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private int secondsPerSlot() {
    return (int) options.slotTime().toSeconds();
  }

  @Override
  public int slotsPerEpoch() {
    return SLOTS_PER_EPOCH;
  }

  private String beaconUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  private URI engineUrl() {
    return URI.create("http://127.0.0.1:" + enginePort);
  }

  private String executionUrl() {
    return "http://127.0.0.1:" + executionPort + "/";
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot find a free port", e);
    }
  }
}

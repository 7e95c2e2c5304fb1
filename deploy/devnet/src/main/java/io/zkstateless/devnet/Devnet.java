package io.zkstateless.devnet;

import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.p2p.crypto.NodeKeyFile;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Starts the whole devnet, reports progress and stops it. The order: the chain (simulated, or
 * Lodestar with its execution stand-in), Kafka and PostgreSQL (independent, started side by side),
 * then the three services at once (the validator's node key is made here, so the broadcaster can
 * name it as a static peer before the validator is up).
 */
public final class Devnet {

  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
  private static final int SERVICE_HEAP_MB = 256;
  private static final List<String> SERVICES = List.of("validator", "broadcaster", "prover");

  private final DevnetOptions options;
  private final BeaconChoice choice;
  private final Path repository;
  private final JavaCommand java;
  private final PrintStream out;
  private final ProcessSupervisor supervisor;

  public Devnet(
      final DevnetOptions options,
      final BeaconChoice choice,
      final Path repository,
      final JavaCommand java,
      final PrintStream out) {
    this.options = options;
    this.choice = choice;
    this.repository = repository;
    this.java = java;
    this.out = out;
    this.supervisor = new ProcessSupervisor(out);
  }

  public ProcessSupervisor supervisor() {
    return supervisor;
  }

  /** Runs until the duration is over, a process dies or the thread is interrupted; 0 if clean. */
  public int run() throws IOException, InterruptedException {
    final Path runDir = options.runDir().toAbsolutePath();
    Files.createDirectories(runDir);
    out.printf("devnet: run directory %s (logs: %s/*.log)%n", runDir, runDir);
    final List<Path> jars = ServiceJars.locate(repository, SERVICES);
    final long started = System.nanoTime();

    out.println(choice.describe());
    final DevnetChain chain =
        choice.mode() == BeaconMode.LODESTAR
            ? new LodestarChain(options, supervisor, java, runDir, out)
            : new SimulatedChainProcess(options, supervisor, java, runDir);
    chain.start();

    final KafkaBroker kafka =
        new KafkaBroker(
            runDir.resolve("kafka"), options.port("kafka-port"), options.port("kafka-controller-port"));
    kafka.start(supervisor, java);
    final PostgresServer postgres =
        new PostgresServer(runDir.resolve("postgres"), options.port("postgres-port"));
    postgres.start(supervisor, List.of("zk_prover", "zk_validator"));
    kafka.awaitReadyAndCreateTopics(STARTUP_TIMEOUT);
    final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    final DevnetChain.StartupCheck startup = waitingFor -> checkStartup(deadline, waitingFor);
    final DevnetChain.Endpoints endpoints = chain.awaitEndpoints(startup);

    final Secp256k1PrivateKey validatorKey = Secp256k1PrivateKey.generate();
    final Path keyFile = runDir.resolve("validator-node.key");
    NodeKeyFile.write(keyFile, validatorKey);
    final String validatorPeer =
        "/ip4/127.0.0.1/tcp/"
            + options.port("validator-p2p-port")
            + "/p2p/"
            + PeerId.fromPublicKey(validatorKey.publicKey()).toBase58();
    final byte[] token = new byte[16];
    new SecureRandom().nextBytes(token);
    final String adminToken = HexFormat.of().formatHex(token);
    final ServiceArguments args =
        new ServiceArguments(
            options,
            kafka.bootstrapServers(),
            postgres.jdbcUrl("zk_prover"),
            postgres.jdbcUrl("zk_validator"),
            endpoints.beaconUrl(),
            endpoints.executionUrl(),
            chain.slotsPerEpoch(),
            keyFile.toString(),
            validatorPeer,
            adminToken);
    startService("validator", jars.get(0), args.validator(), runDir);
    startService("broadcaster", jars.get(1), args.broadcaster(), runDir);
    startService("prover", jars.get(2), args.prover(), runDir);
    awaitServices();
    awaitGossipSubscriptions();
    chain.release(startup);
    out.printf(
        "devnet: up in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    printEndpoints(endpoints, adminToken, runDir);
    return new ProgressReporter(
            options, validatorUri(), URI.create(endpoints.beaconUrl()), supervisor, out, started)
        .run();
  }

  private void startService(
      final String name, final Path jar, final List<String> serviceArgs, final Path runDir) {
    final List<String> command = new ArrayList<>(java.jar(name, SERVICE_HEAP_MB, jar));
    command.addAll(serviceArgs);
    supervisor.start(name + "-service", command, Map.of(), runDir.resolve(name + ".log"));
  }

  private void awaitServices() throws InterruptedException {
    final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    for (final String service : SERVICES) {
      final ServiceClient client =
          new ServiceClient(URI.create("http://127.0.0.1:" + options.port(service + "-port")));
      while (!client.answers("/actuator/health/liveness")) {
        failIfAProcessDied();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              service + "-service did not come up within " + STARTUP_TIMEOUT.toMinutes() + " min");
        }
        Thread.sleep(500);
      }
      out.printf("devnet: %s-service is live%n", service);
    }
  }

  /**
   * Until the broadcaster knows the validator subscribes to every proof type's subnet: gossip is
   * fire and forget, so a proof published before that would be lost for good.
   */
  private void awaitGossipSubscriptions() throws InterruptedException {
    final ServiceClient broadcaster =
        new ServiceClient(URI.create("http://127.0.0.1:" + options.port("broadcaster-port")));
    final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    final List<Integer> subnets =
        options.proofTypes().stream().map(ProofTypeRegistry.DEFAULT_TYPES::get).toList();
    while (!broadcaster.subnetsWithPeers().containsAll(subnets)) {
      failIfAProcessDied();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the broadcaster found no validator subscribed to subnets " + subnets);
      }
      Thread.sleep(500);
    }
    out.printf("devnet: broadcaster sees the validator on subnets %s%n", subnets);
  }

  private void checkStartup(final long deadline, final String waitingFor) {
    failIfAProcessDied();
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "gave up waiting for " + waitingFor + " after " + STARTUP_TIMEOUT.toMinutes() + " min");
    }
  }

  private void failIfAProcessDied() {
    supervisor
        .firstExited()
        .ifPresent(
            dead -> {
              throw new IllegalStateException(
                  dead.name() + " exited during start-up; see " + dead.log());
            });
  }

  private void printEndpoints(
      final DevnetChain.Endpoints endpoints, final String token, final Path runDir) {
    final String validator = validatorUri().toString();
    out.println("devnet: ------------------------------------------------------------------");
    row("validator REST API", validator + "/api/v1/heads");
    row("Swagger UI", validator + "/swagger-ui.html");
    row("dashboard", validator + "/dashboard/");
    row("validator metrics", validator + "/actuator/prometheus");
    row("prover API", "http://127.0.0.1:" + options.port("prover-port"));
    row("broadcaster API", "http://127.0.0.1:" + options.port("broadcaster-port"));
    endpoints.printed().forEach(this::row);
    row("Kafka", "127.0.0.1:" + options.port("kafka-port"));
    row(
        "PostgreSQL",
        "127.0.0.1:" + options.port("postgres-port") + " (user postgres; zk_prover, zk_validator)");
    row("admin token", token);
    row(
        "logs",
        runDir
            + "/{"
            + (choice.mode() == BeaconMode.LODESTAR ? "lodestar,execution" : "chain")
            + ",kafka/kafka,postgres,validator,broadcaster,prover}.log");
    out.printf(
        "devnet: proof types %s, min proofs %d, slot time %.1f s. Ctrl-C stops everything.%n",
        options.proofTypes(), options.minProofs(), options.slotTime().toMillis() / 1000.0);
    out.println("devnet: ------------------------------------------------------------------");
  }

  private void row(final String label, final String value) {
    out.printf("devnet: %-23s %s%n", label, value);
  }

  private URI validatorUri() {
    return URI.create("http://127.0.0.1:" + options.port("validator-port"));
  }
}

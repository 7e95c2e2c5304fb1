package io.zkstateless.devnet;

import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.p2p.crypto.NodeKeyFile;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.devnet.chain.SimulatedChainMain;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Starts the whole devnet, reports progress and stops it. The order: the simulated chain, Kafka
 * and PostgreSQL (independent, started side by side), then the three services at once (the
 * validator's node key is made here, so the broadcaster can name it as a static peer before the
 * validator is up).
 */
public final class Devnet {

  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
  private static final int SERVICE_HEAP_MB = 256;
  private static final List<String> SERVICES = List.of("validator", "broadcaster", "prover");

  private final DevnetOptions options;
  private final Path repository;
  private final JavaCommand java;
  private final PrintStream out;
  private final ProcessSupervisor supervisor;

  public Devnet(
      final DevnetOptions options,
      final Path repository,
      final JavaCommand java,
      final PrintStream out) {
    this.options = options;
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

    final Path endpointsFile = runDir.resolve("chain-endpoints.properties");
    final List<String> chain = new ArrayList<>(java.command("chain", 256));
    chain.add("-Ddevnet.log.level=INFO");
    chain.add(SimulatedChainMain.class.getName());
    chain.add(String.valueOf(options.slotTime().toMillis()));
    chain.add(String.join(",", options.fixtures()));
    chain.add(endpointsFile.toString());
    final Path startFile = runDir.resolve("chain-start");
    chain.add(startFile.toString());
    supervisor.start("simulated-chain", chain, Map.of(), runDir.resolve("chain.log"));

    final KafkaBroker kafka =
        new KafkaBroker(
            runDir.resolve("kafka"), options.port("kafka-port"), options.port("kafka-controller-port"));
    kafka.start(supervisor, java);
    final PostgresServer postgres =
        new PostgresServer(runDir.resolve("postgres"), options.port("postgres-port"));
    postgres.start(supervisor, List.of("zk_prover", "zk_validator"));
    kafka.awaitReadyAndCreateTopics(STARTUP_TIMEOUT);
    final Properties endpoints = awaitEndpoints(endpointsFile);

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
            endpoints.getProperty("beacon.url"),
            endpoints.getProperty("execution.url"),
            keyFile.toString(),
            validatorPeer,
            adminToken);
    startService("validator", jars.get(0), args.validator(), runDir);
    startService("broadcaster", jars.get(1), args.broadcaster(), runDir);
    startService("prover", jars.get(2), args.prover(), runDir);
    awaitServices();
    awaitGossipSubscriptions();
    Files.createFile(startFile);
    out.printf(
        "devnet: up in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    printEndpoints(endpoints, adminToken, runDir);
    return new ProgressReporter(options, validatorUri(), beaconUri(endpoints), supervisor, out)
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

  private Properties awaitEndpoints(final Path file) throws IOException, InterruptedException {
    final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (!Files.exists(file)) {
      failIfAProcessDied();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the simulated chain did not start; see its log");
      }
      Thread.sleep(200);
    }
    final Properties endpoints = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      endpoints.load(reader);
    }
    return endpoints;
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

  private void printEndpoints(final Properties endpoints, final String token, final Path runDir) {
    final String validator = validatorUri().toString();
    out.println("devnet: ------------------------------------------------------------------");
    out.printf("devnet: validator REST API   %s/api/v1/heads%n", validator);
    out.printf("devnet: Swagger UI           %s/swagger-ui.html%n", validator);
    out.printf("devnet: dashboard            %s/dashboard/%n", validator);
    out.printf("devnet: validator metrics    %s/actuator/prometheus%n", validator);
    out.printf("devnet: prover API           http://127.0.0.1:%d%n", options.port("prover-port"));
    out.printf(
        "devnet: broadcaster API      http://127.0.0.1:%d%n", options.port("broadcaster-port"));
    out.printf("devnet: beacon node (sim)    %s%n", endpoints.getProperty("beacon.url"));
    out.printf("devnet: execution client     %s%n", endpoints.getProperty("execution.url"));
    out.printf("devnet: Kafka                127.0.0.1:%d%n", options.port("kafka-port"));
    out.printf(
        "devnet: PostgreSQL           127.0.0.1:%d (user postgres; zk_prover, zk_validator)%n",
        options.port("postgres-port"));
    out.printf("devnet: admin token          %s%n", token);
    out.printf("devnet: logs                 %s/{chain,kafka/kafka,postgres,validator,broadcaster,prover}.log%n", runDir);
    out.printf(
        "devnet: proof types %s, min proofs %d, slot time %.1f s. Ctrl-C stops everything.%n",
        options.proofTypes(), options.minProofs(), options.slotTime().toMillis() / 1000.0);
    out.println("devnet: ------------------------------------------------------------------");
  }

  private URI validatorUri() {
    return URI.create("http://127.0.0.1:" + options.port("validator-port"));
  }

  private static URI beaconUri(final Properties endpoints) {
    return URI.create(endpoints.getProperty("beacon.url"));
  }
}

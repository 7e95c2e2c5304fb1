package io.zkstateless.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.p2p.crypto.NodeKeyFile;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.e2e.support.KillPlan;
import io.zkstateless.e2e.support.ModulePaths;
import io.zkstateless.e2e.support.ProofFeed;
import io.zkstateless.e2e.support.RestartableService;
import io.zkstateless.e2e.support.ServiceArgs;
import io.zkstateless.e2e.support.RunClock;
import io.zkstateless.e2e.support.TestChain;
import io.zkstateless.e2e.support.TopicReader;
import io.zkstateless.e2e.support.ValidatorTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * The three services as child JVMs on real Kafka and PostgreSQL, each {@code kill -9}ed at random
 * moments (drawn from a logged seed) while the beacon node produces blocks at a fast rate, and
 * restarted with the same configuration, database and identity. The prover proves every block
 * (mock workers), the broadcaster gossips each proof to the validator, and the validator also reads
 * {@code execution-proofs} directly, as it does next to a prover.
 *
 * <p>Asserted: every block ends proven (proven head = last block), every (block, proof type) is
 * stored exactly once in the validator's table (proofs lost = 0, duplicates = 0), and every proof
 * is reported published by the broadcaster and none dead-lettered. Printed: each kill with its
 * moment and pid, the time each restarted service took to be live again, and the time from each
 * kill until the proven head had passed the head at the moment of the kill.
 *
 * <p>Properties: {@code kills.blocks} (default 150), {@code kills.count} (default 3, one per
 * service), {@code kills.seed} (default: drawn and printed), {@code kills.block-interval-ms}
 * (default 100). Skipped under {@code mvn test}: the exec jars exist once the reactor has packaged
 * the services ({@code mvn verify}).
 */
class ProcessKillsTest {

  private static final Map<String, Integer> PROOF_TYPES =
      Map.of(
          "mock", ProofTypeRegistry.DEFAULT_TYPES.get("mock"),
          "sp1", ProofTypeRegistry.DEFAULT_TYPES.get("sp1"));
  private static final int BLOCKS = Integer.getInteger("kills.blocks", 150);
  private static final int KILLS = Integer.getInteger("kills.count", Math.max(3, BLOCKS / 60));
  private static final long SEED = Long.getLong("kills.seed", System.nanoTime());
  private static final long BLOCK_INTERVAL_MS = Long.getLong("kills.block-interval-ms", 100);
  private static final long MAX_DOWN_MS = 3_000;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final List<RestartableService> services = new ArrayList<>();
  private final List<Recovery> recoveries = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
  private final AtomicInteger producedSlot = new AtomicInteger();
  private EmbeddedKafkaKraftBroker kafka;
  private ScriptedBeaconNode beacon;
  private FixtureExecutionClient executionClient;
  private String proverDb;

  /** The prover's job table, read directly. */
  private record JdbcTables(String database) {
    Map<String, Integer> countByState() {
      final Map<String, Integer> counts = new TreeMap<>();
      JdbcClient.create(
              new SimpleDriverDataSource(new org.postgresql.Driver(), database, "postgres", ""))
          .sql("SELECT state, count(*) FROM prover.proof_job GROUP BY state")
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
          .list()
          .forEach(e -> counts.put(e.getKey(), e.getValue()));
      return counts;
    }
  }

  /** One kill and what followed it. */
  private static final class Recovery {
    final KillPlan.Kill kill;
    final long pid;
    final long headAtKill;
    final long killedAt = System.nanoTime();
    volatile long restartedAt;
    volatile long liveMs = -1;
    volatile long caughtUpMs = -1;

    Recovery(final KillPlan.Kill kill, final long pid, final long headAtKill) {
      this.kill = kill;
      this.pid = pid;
      this.headAtKill = headAtKill;
    }
  }

  @BeforeEach
  void startInfrastructure() throws Exception {
    kafka =
        new EmbeddedKafkaKraftBroker(
            1, 2, ProofFeed.TOPIC, "broadcast-results", "proven-blocks");
    kafka.afterPropertiesSet();
    beacon = new ScriptedBeaconNode(TestChain.genesis());
    executionClient = FixtureExecutionClient.start();
  }

  @AfterEach
  void stopEverything() {
    background.shutdownNow();
    services.forEach(RestartableService::close);
    executionClient.close();
    beacon.close();
    kafka.destroy();
  }

  @Test
  // Three JVMs start, and each killed one starts again: on a loaded machine one start alone can
  // take minutes, well past the suite's default of 5.
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void everyBlockIsProvenAndEveryProofStoredOnceThroughRandomKills() throws Exception {
    final Map<String, Optional<Path>> jars =
        Map.of(
            "prover", ModulePaths.execJar("prover"),
            "broadcaster", ModulePaths.execJar("broadcaster"),
            "validator", ModulePaths.execJar("validator"));
    assumeTrue(
        jars.values().stream().allMatch(Optional::isPresent),
        "service exec jars not packaged (run mvn verify)");
    System.out.printf(
        "process kills: seed %d (-Dkills.seed=%d replays it), %d blocks every %d ms, %d kills%n",
        SEED, SEED, BLOCKS, BLOCK_INTERVAL_MS, KILLS);
    final Path work =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "process-kills");
    final String validatorDb = EmbeddedPostgresSupport.newDatabase();
    final ValidatorTables tables = new ValidatorTables(validatorDb);
    final RestartableService prover = prover(jars.get("prover").get(), work);
    final int broadcasterP2p = RunClock.freePort();
    final Path broadcasterKey = work.resolve("broadcaster.key");
    final Secp256k1PrivateKey identity = Secp256k1PrivateKey.generate();
    NodeKeyFile.write(broadcasterKey, identity);
    final RestartableService broadcaster =
        broadcaster(jars.get("broadcaster").get(), work, broadcasterP2p, broadcasterKey);
    final String broadcasterAddress =
        "/ip4/127.0.0.1/tcp/" + broadcasterP2p + "/p2p/" + PeerId.fromPublicKey(identity.publicKey());
    final RestartableService validator =
        validator(jars.get("validator").get(), work, validatorDb, broadcasterAddress);
    final long t0 = System.nanoTime();
    for (final RestartableService service : services) {
      service.start();
    }
    await()
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> services.stream().allMatch(RestartableService::isLive));
    // The prover and the validator both follow the beacon node.
    await().atMost(START_TIMEOUT).until(() -> beacon.openSubscriptions() >= 2);
    System.out.printf("process kills: all three live after %d ms%n", RunClock.elapsed(t0));

    final long runMillis = BLOCKS * BLOCK_INTERVAL_MS;
    final List<KillPlan.Kill> plan =
        KillPlan.draw(
            SEED,
            services.stream().map(RestartableService::name).toList(),
            KILLS,
            runMillis / 10,
            runMillis * 8 / 10,
            MAX_DOWN_MS);
    final long runStart = System.nanoTime();
    background.scheduleAtFixedRate(this::produceBlock, 0, BLOCK_INTERVAL_MS, TimeUnit.MILLISECONDS);
    background.scheduleWithFixedDelay(() -> watchRecoveries(validator), 0, 200, TimeUnit.MILLISECONDS);
    for (final KillPlan.Kill kill : plan) {
      executeKill(kill, runStart);
    }

    try {
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  producedSlot.get() >= BLOCKS
                      && validator.http().provenHeadSlot() == BLOCKS
                      && tables.storedProofs().size() >= BLOCKS * PROOF_TYPES.size());
    } catch (final ConditionTimeoutException e) {
      describeStuckRun(validator, tables);
      throw e;
    }
    final long provenAfter = RunClock.elapsed(runStart);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> recoveries.stream().allMatch(r -> r.liveMs >= 0 && r.caughtUpMs >= 0));
    report(provenAfter, tables);

    final List<String> stored = tables.storedProofs();
    assertThat(expectedRows()).as("proofs lost").allMatch(stored::contains);
    assertThat(tables.duplicates()).as("duplicates").isEmpty();
    assertThat(stored).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedRows());
    assertThat(validator.http().provenHeadSlot()).isEqualTo(BLOCKS);
    assertEveryProofPublishedAndNoneDeadLettered();
    assertThat(services).allMatch(s -> s.starts() >= 2, "each service was killed and restarted");
    assertThat(prover.starts() + broadcaster.starts() + validator.starts()).isEqualTo(3 + KILLS);
  }

  /** What a run that did not finish was left with, so that a failure says where it stopped. */
  private void describeStuckRun(final RestartableService validator, final ValidatorTables tables) {
    final List<String> stored = tables.storedProofs();
    final List<String> missing =
        expectedRows().stream().filter(r -> !stored.contains(r)).sorted().toList();
    System.out.printf(
        "process kills: STUCK: produced %d, proven head %d, stored %d (by source %s), missing %d:"
            + " %s%n",
        producedSlot.get(), validator.http().provenHeadSlot(), stored.size(),
        tables.countBySource(), missing.size(), missing.stream().limit(12).toList());
    System.out.printf(
        "process kills: STUCK: prover jobs by state %s; execution-proofs records %d%n",
        new JdbcTables(proverDb).countByState(), proverRecords());
    System.out.printf(
        "process kills: STUCK: live %s%n",
        services.stream().map(s -> s.name() + "=" + s.isLive()).toList());
  }

  private void executeKill(final KillPlan.Kill kill, final long runStart) throws Exception {
    final long wait = kill.atMillis() - RunClock.elapsed(runStart);
    if (wait > 0) {
      Thread.sleep(wait);
    }
    final RestartableService target =
        services.stream().filter(s -> s.name().equals(kill.service())).findFirst().orElseThrow();
    // A planned moment inside a restart waits for the service to be up: a kill of a JVM still
    // starting tests nothing the next kill does not.
    await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(target::isLive);
    final long head = producedSlot.get();
    final long pid = target.kill();
    final Recovery recovery = new Recovery(kill, pid, head);
    recoveries.add(recovery);
    System.out.printf(
        "process kills: kill -9 %s (pid %d) at %d ms (planned %d ms), head slot %d, down %d ms%n",
        kill.service(), pid, RunClock.elapsed(runStart), kill.atMillis(), head, kill.downMillis());
    Thread.sleep(kill.downMillis());
    target.start();
    recovery.restartedAt = System.nanoTime();
  }

  private void produceBlock() {
    final int slot = producedSlot.get() + 1;
    if (slot > BLOCKS) {
      return;
    }
    TestChain.extend(beacon, slot, slot);
    producedSlot.set(slot);
  }

  private void watchRecoveries(final RestartableService validator) {
    final List<Recovery> open =
        recoveries.stream().filter(r -> r.liveMs < 0 || r.caughtUpMs < 0).toList();
    if (open.isEmpty()) {
      return;
    }
    final long proven = validator.http().provenHeadSlot();
    for (final Recovery recovery : open) {
      if (recovery.restartedAt == 0) {
        continue;
      }
      final RestartableService target =
          services.stream()
              .filter(s -> s.name().equals(recovery.kill.service()))
              .findFirst()
              .orElseThrow();
      if (recovery.liveMs < 0 && target.isLive()) {
        recovery.liveMs = (System.nanoTime() - recovery.restartedAt) / 1_000_000;
      }
      if (recovery.caughtUpMs < 0 && proven >= recovery.headAtKill) {
        recovery.caughtUpMs = (System.nanoTime() - recovery.killedAt) / 1_000_000;
      }
    }
  }

  private void report(final long provenAfter, final ValidatorTables tables) {
    final int expected = BLOCKS * PROOF_TYPES.size();
    final List<String> stored = tables.storedProofs();
    final long lost = expectedRows().stream().filter(r -> !stored.contains(r)).count();
    System.out.printf(
        "process kills: %d blocks proven %d ms after the first block; %d kills; proofs expected %d,"
            + " stored %d, lost %d, duplicates %d; stored by source %s; prover records per proof"
            + " above one: %d%n",
        BLOCKS, provenAfter, recoveries.size(), expected, stored.size(), lost,
        tables.duplicates().size(), tables.countBySource(), proverRepublished());
    for (final Recovery r : recoveries) {
      System.out.printf(
          "process kills:   %-11s pid %-7d head %-4d down %4d ms, live again %6d ms after"
              + " restart, proven head past slot %d %6d ms after the kill%n",
          r.kill.service(), r.pid, r.headAtKill, r.kill.downMillis(), r.liveMs, r.headAtKill,
          r.caughtUpMs);
    }
  }

  private int proverRecords() {
    try (TopicReader reader = new TopicReader(kafka, ProofFeed.TOPIC)) {
      return reader.poll(Duration.ofSeconds(2)).size();
    }
  }

  /** Proof records in {@code execution-proofs} beyond one per (block, proof type). */
  private long proverRepublished() {
    try (TopicReader reader = new TopicReader(kafka, ProofFeed.TOPIC)) {
      // Read until a poll brings nothing new: one poll may return only part of the topic.
      List<ConsumerRecord<String, byte[]>> records = reader.poll(Duration.ofSeconds(2));
      for (int previous = -1; previous != records.size(); ) {
        previous = records.size();
        records = reader.poll(Duration.ofSeconds(1));
      }
      final Set<String> distinct =
          records.stream()
              .map(r -> ExecutionProofSchema.DEFAULT.decode(r.value()))
              .map(ProcessKillsTest::key)
              .collect(Collectors.toSet());
      return records.size() - distinct.size();
    }
  }

  private void assertEveryProofPublishedAndNoneDeadLettered() {
    try (TopicReader reader = new TopicReader(kafka, "broadcast-results")) {
      final List<JsonNode> results = new ArrayList<>();
      final Set<String> expected = expectedRows();
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                results.clear();
                results.addAll(reader.pollJson(Duration.ofMillis(300)));
                return results.stream()
                    .map(r -> r.path("block_hash").asString() + "/" + r.path("subnet").asInt())
                    .collect(Collectors.toSet())
                    .containsAll(expected);
              });
      final Map<String, Long> outcomes =
          results.stream()
              .collect(Collectors.groupingBy(r -> r.path("result").asString(), Collectors.counting()));
      System.out.printf(
          "process kills: broadcaster results %s for %d proofs%n", outcomes, expected.size());
      assertThat(outcomes.keySet()).as("broadcaster outcomes").containsOnly("published");
    }
  }

  private RestartableService prover(final Path jar, final Path work) throws Exception {
    final int port = RunClock.freePort();
    proverDb = EmbeddedPostgresSupport.newDatabase();
    final List<String> args =
        ServiceArgs.prover(
            kafka.getBrokersAsString(),
            proverDb,
            executionClient.url(),
            beacon.url());
    args.removeIf(a -> a.startsWith("--server.port="));
    args.addAll(
        List.of(
            "--server.port=" + port,
            // A run's whole backlog fits, so blocks produced during an outage are not dropped.
            "--prover.jobs.queue-capacity=100000",
            // The default 64 blocks are 12.8 min of 12 s slots; at this test's 0.1 s slots a
            // restart outlasts them, and blocks further back would be skipped by design.
            "--prover.watch.max-backfill-blocks=100000",
            // A job leased by the killed JVM goes back to work in seconds.
            "--prover.jobs.job-timeout=PT2S",
            "--prover.jobs.publish-timeout=PT2S",
            "--prover.jobs.lease-duration=PT5S"));
    return register(new RestartableService("prover", jar, args, work.resolve("prover.log"), port));
  }

  private RestartableService broadcaster(
      final Path jar, final Path work, final int p2pPort, final Path key) throws Exception {
    final int port = RunClock.freePort();
    final List<String> args = ServiceArgs.broadcaster(kafka.getBrokersAsString(), List.of());
    args.removeIf(a -> a.startsWith("--server.port=") || a.startsWith("--broadcaster.p2p.listen-port="));
    args.addAll(
        List.of(
            "--server.port=" + port,
            "--broadcaster.p2p.listen-port=" + p2pPort,
            "--broadcaster.p2p.identity-key-file=" + key.toAbsolutePath(),
            // About 70 s of retries: a proof waits through a validator restart, never dead-letters.
            "--broadcaster.retry.attempts=20",
            "--broadcaster.retry.initial-backoff=500ms",
            "--broadcaster.retry.multiplier=2",
            "--broadcaster.retry.max-backoff=4s",
            "--broadcaster.retry.timeout=5m",
            "--spring.kafka.consumer.properties.session.timeout.ms=6000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000"));
    return register(
        new RestartableService("broadcaster", jar, args, work.resolve("broadcaster.log"), port));
  }

  private RestartableService validator(
      final Path jar, final Path work, final String database, final String broadcasterAddress)
      throws Exception {
    final int port = RunClock.freePort();
    final List<String> args =
        ServiceArgs.validator(kafka.getBrokersAsString(), database, beacon.url(), PROOF_TYPES);
    args.removeIf(
        a -> a.startsWith("--server.port=") || a.startsWith("--validator.kafka.proofs-topic="));
    args.addAll(
        List.of(
            "--server.port=" + port,
            "--validator.kafka.proofs-topic=" + ProofFeed.TOPIC,
            "--validator.p2p.static-peers=" + broadcasterAddress,
            "--spring.kafka.consumer.properties.session.timeout.ms=6000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000"));
    return register(
        new RestartableService("validator", jar, args, work.resolve("validator.log"), port));
  }

  private RestartableService register(final RestartableService service) {
    services.add(service);
    return service;
  }

  private static String key(final ExecutionProof proof) {
    return proof.blockHash().toHexString() + "/" + proof.subnetId().value();
  }

  private static Set<String> expectedRows() {
    return TestChain.proofKeys(1, BLOCKS, PROOF_TYPES.values());
  }
}

package io.zkstateless.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.gossip.P2pGossipPublisher;
import io.zkstateless.broadcaster.gossip.PublishOutcome;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.p2p.crypto.NodeKeyFile;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.e2e.support.ModulePaths;
import io.zkstateless.e2e.support.ProofFeed;
import io.zkstateless.e2e.support.ServiceArgs;
import io.zkstateless.e2e.support.ServiceHttp;
import io.zkstateless.e2e.support.ServiceProcess;
import io.zkstateless.e2e.support.Services;
import io.zkstateless.e2e.support.RunClock;
import io.zkstateless.e2e.support.TestChain;
import io.zkstateless.e2e.support.ValidatorTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The validator as a child JVM, {@code kill -9}ed while proofs stream in and restarted on the same
 * PostgreSQL database. Every proof reaches it twice, as in a deployment next to a prover: from
 * Kafka ({@code execution-proofs}, read directly) and from gossip (a broadcaster in this JVM reads
 * the same topic and publishes to it over libp2p). The crash comes right after a burst of proofs,
 * so some are verified but not stored, some stored but their Kafka offsets not committed, and
 * proofs keep coming while it is down (gossip ones are then lost to it; Kafka keeps them).
 * Before the kill one more proof comes by gossip only (straight from the broadcaster's node, not
 * through Kafka), for a block the beacon node does not have yet: the validator parks it, nobody
 * will send it again, and it must be stored once that block appears after the restart.
 *
 * <p>Asserted from the tables and the REST API after the restart: every (block, proof type) is
 * stored exactly once, nothing else is stored, and the proven head reaches the last block. Skipped
 * (not faked) when the reactor has not packaged the validator's exec jar, i.e. under {@code mvn
 * test}; {@code mvn verify} packages it before this module's tests run.
 */
class ValidatorRestartTest {

  private static final Map<String, Integer> PROOF_TYPES =
      Map.of(
          "mock", ProofTypeRegistry.DEFAULT_TYPES.get("mock"),
          "sp1", ProofTypeRegistry.DEFAULT_TYPES.get("sp1"));
  private static final int BLOCKS = 40;
  private static final int KILL_AFTER_SLOT = 15;
  private static final int RESTART_AFTER_SLOT = 25;
  private static final int PROOF_SIZE = 4096;
  private static final int MOCK = PROOF_TYPES.get("mock");
  /** The slot of the gossip-only proof, whose block the beacon node gets only after the restart. */
  private static final int EARLY_SLOT = BLOCKS + 1;
  private static final Duration AT_MOST = Duration.ofSeconds(90);

  private final Services services = new Services();
  private final List<ServiceProcess> validators = new ArrayList<>();
  private EmbeddedKafkaKraftBroker kafka;
  private ScriptedBeaconNode beacon;
  private ProofFeed feed;

  @BeforeEach
  void startKafkaAndChain() throws Exception {
    kafka =
        new EmbeddedKafkaKraftBroker(
            1, 2, ProofFeed.TOPIC, "broadcast-results", "proven-blocks");
    kafka.afterPropertiesSet();
    beacon = new ScriptedBeaconNode(TestChain.genesis());
    TestChain.extend(beacon, 1, BLOCKS);
    feed = new ProofFeed(kafka.getBrokersAsString());
  }

  @AfterEach
  void stopEverything() {
    validators.forEach(ServiceProcess::close);
    services.close();
    feed.close();
    beacon.close();
    kafka.destroy();
  }

  @Test
  // The validator's JVM starts twice: on a loaded machine one start alone can take minutes.
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void aKilledValidatorRestartsOnItsDatabaseAndStoresEveryProofOnce() throws Exception {
    final Optional<Path> jar = ModulePaths.execJar("validator");
    assumeTrue(jar.isPresent(), "validator exec jar not packaged (run mvn verify)");
    final Path work =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "validator-restart");
    final String database = EmbeddedPostgresSupport.newDatabase();
    final ValidatorTables tables = new ValidatorTables(database);
    final int httpPort = RunClock.freePort();
    final ServiceHttp validatorApi = new ServiceHttp(httpPort);

    final String broadcasterAddress = startBroadcaster(work);
    final List<String> args =
        ServiceArgs.validator(kafka.getBrokersAsString(), database, beacon.url(), PROOF_TYPES);
    args.removeIf(a -> a.startsWith("--validator.kafka.proofs-topic=") || a.startsWith("--server.port="));
    args.addAll(
        List.of(
            "--server.port=" + httpPort,
            "--validator.kafka.proofs-topic=" + ProofFeed.TOPIC,
            "--validator.p2p.static-peers=" + broadcasterAddress,
            // The killed member's partitions go to its successor after this, not 45 s.
            "--spring.kafka.consumer.properties.session.timeout.ms=6000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000"));

    final long t0 = System.nanoTime();
    validators.add(ServiceProcess.start("validator", jar.get(), args, work.resolve("validator.log")));
    awaitGossipTo(validatorApi);
    System.out.printf("validator restart: first validator live after %d ms%n", RunClock.elapsed(t0));

    publishBlocks(1, KILL_AFTER_SLOT, 20);
    // Gossip only, for a block nobody has yet: parked (IGNOREd) and kept in parked_proof.
    gossipOnly(ProofFeed.mockProof(EARLY_SLOT, MOCK, PROOF_SIZE));
    await().atMost(AT_MOST).pollInterval(Duration.ofMillis(100)).until(() -> tables.parkedProofs() == 1);
    final Instant killedAt = Instant.now();
    validators.getLast().kill();
    final int storedAtKill = tables.storedProofs().size();
    System.out.printf(
        "validator restart: killed (kill -9) after slot %d with %d of %d proofs stored%n",
        KILL_AFTER_SLOT, storedAtKill, KILL_AFTER_SLOT * PROOF_TYPES.size());
    publishBlocks(KILL_AFTER_SLOT + 1, RESTART_AFTER_SLOT, 20);

    final long restarted = System.nanoTime();
    validators.add(ServiceProcess.start("validator", jar.get(), args, work.resolve("validator.log")));
    await().atMost(AT_MOST).pollInterval(Duration.ofMillis(200)).until(validatorApi::isLive);
    System.out.printf("validator restart: live again %d ms after restart%n", RunClock.elapsed(restarted));
    publishBlocks(RESTART_AFTER_SLOT + 1, BLOCKS, 20);

    await()
        .atMost(AT_MOST)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                validatorApi.provenHeadSlot() == BLOCKS
                    && tables.storedProofs().size() >= BLOCKS * PROOF_TYPES.size());
    System.out.printf(
        "validator restart: proven head at slot %d %d ms after restart; stored by source %s%n",
        BLOCKS, RunClock.elapsed(restarted), tables.countBySource());

    // The block the parked proof waited for appears only now, long after the restart.
    final long blockAppeared = System.nanoTime();
    TestChain.extend(beacon, EARLY_SLOT, EARLY_SLOT);
    final String early = TestChain.payloadHash(EARLY_SLOT) + "/" + MOCK;
    await().atMost(AT_MOST).pollInterval(Duration.ofMillis(100))
        .until(() -> tables.storedProofs().contains(early) && tables.parkedProofs() == 0);
    final Map.Entry<String, Instant> receipt = tables.receipt(TestChain.payloadHash(EARLY_SLOT), MOCK);
    System.out.printf("validator restart: the parked gossip proof stored %d ms after its block appeared%n",
        RunClock.elapsed(blockAppeared));
    assertThat(receipt.getKey()).isEqualTo("gossip");
    assertThat(receipt.getValue()).as("received before the kill, not sent again").isBefore(killedAt);

    assertThat(storedAtKill).as("the kill came mid-stream").isLessThan(BLOCKS * PROOF_TYPES.size());
    assertThat(tables.duplicates()).isEmpty();
    assertThat(tables.storedProofs())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expectedRows(early));
    assertThat(validatorApi.provenHeadSlot()).isEqualTo(BLOCKS);
  }

  /** A broadcaster in this JVM on a fixed port and key, so the validator can dial it by address. */
  private String startBroadcaster(final Path work) throws Exception {
    final Path key = work.resolve("broadcaster.key");
    final Secp256k1PrivateKey identity = Secp256k1PrivateKey.generate();
    NodeKeyFile.write(key, identity);
    final int port = RunClock.freePort();
    final List<String> args =
        ServiceArgs.broadcasterInJvm(kafka.getBrokersAsString(), List.of());
    args.removeIf(a -> a.startsWith("--broadcaster.p2p.listen-port="));
    args.add("--broadcaster.p2p.listen-port=" + port);
    args.add("--broadcaster.p2p.identity-key-file=" + key.toAbsolutePath());
    services.start(BroadcasterApplication.class, "broadcaster", args);
    return "/ip4/127.0.0.1/tcp/" + port + "/p2p/" + PeerId.fromPublicKey(identity.publicKey());
  }

  /** Waits until the validator is live and the broadcaster sees it on every proof subnet. */
  private void awaitGossipTo(final ServiceHttp validatorApi) {
    final ConfigurableApplicationContext broadcaster = services.contexts().getFirst();
    final P2pGossipPublisher publisher = broadcaster.getBean(P2pGossipPublisher.class);
    await().atMost(AT_MOST).pollInterval(Duration.ofMillis(200)).until(validatorApi::isLive);
    await()
        .atMost(AT_MOST)
        .until(
            () ->
                PROOF_TYPES.values().stream()
                    .allMatch(s -> publisher.peersPerSubnet().getOrDefault(s, 0) >= 1));
  }

  private void publishBlocks(final int from, final int to, final long pauseMs) throws Exception {
    for (int slot = from; slot <= to; slot++) {
      for (final Map.Entry<String, Integer> type : PROOF_TYPES.entrySet()) {
        feed.publish(slot, type.getKey(), ProofFeed.mockProof(slot, type.getValue(), PROOF_SIZE))
            .get();
      }
      Thread.sleep(pauseMs);
    }
  }

  private static Set<String> expectedRows(final String early) {
    final Set<String> rows = TestChain.proofKeys(1, BLOCKS, PROOF_TYPES.values());
    rows.add(early);
    return rows;
  }

  /** Publishes on the broadcaster's gossip node directly: the validator can only get it from gossip. */
  private void gossipOnly(final ExecutionProof proof) throws Exception {
    final ConfigurableApplicationContext broadcaster = services.contexts().getFirst();
    final byte[] data = SnappyBlock.compress(broadcaster.getBean(ExecutionProofSchema.class).encode(proof));
    final GossipTopic topic =
        GossipTopic.executionProof(Hex.decode(ServiceArgs.FORK_DIGEST), proof.subnetId().value());
    final PublishOutcome outcome =
        broadcaster.getBean(P2pGossipPublisher.class).publish(topic, data).get(10, TimeUnit.SECONDS);
    System.out.printf("validator restart: gossiped a proof for unknown slot %d: %s%n", EARLY_SLOT, outcome);
  }
}

package io.zkstateless.e2e;

import static io.zkstateless.e2e.support.ServiceArgs.UNUSED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.p2p.crypto.NodeKeyFile;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.e2e.support.BroadcasterRun;
import io.zkstateless.e2e.support.ModulePaths;
import io.zkstateless.e2e.support.ProofFeed;
import io.zkstateless.e2e.support.ServiceArgs;
import io.zkstateless.e2e.support.Services;
import io.zkstateless.e2e.support.RunClock;
import io.zkstateless.e2e.support.TestChain;
import io.zkstateless.e2e.support.TopicReader;
import io.zkstateless.e2e.support.ValidatorProbe;
import io.zkstateless.validator.ValidatorApplication;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * The broadcaster without peers, then with a validator, then crashed and restarted, while proofs
 * keep coming (written to Kafka as the prover writes them):
 *
 * <ol>
 *   <li>No peer: every proof goes to {@code execution-proofs-retry-0} and on to {@code -retry-1}
 *       (it is retried), and nothing is recorded in {@code broadcast-results}: not published, not
 *       dead-lettered.
 *   <li>A validator starts with the broadcaster as its static peer: the waiting proofs arrive.
 *   <li>Proofs stream in; the broadcaster is crashed in the middle ({@link BroadcasterRun}: {@code
 *       kill -9} of the exec jar when the reactor has packaged it, else a context close) and a new
 *       one dials the validator. Meanwhile a second, different valid proof of three (block, type)
 *       pairs is published, as a second prover would.
 * </ol>
 *
 * Asserted at the end: every (block, type) stored exactly once and accepted once, the second
 * proofs IGNOREd by the validator as duplicates, every block proven, every proof published and
 * none dead-lettered.
 */
class PeersComeAndGoTest {

  private static final Map<String, Integer> PROOF_TYPES =
      Map.of(
          "mock", ProofTypeRegistry.DEFAULT_TYPES.get("mock"),
          "sp1", ProofTypeRegistry.DEFAULT_TYPES.get("sp1"));
  private static final int WAITING_BLOCKS = 5;
  private static final int BLOCKS = 15;
  private static final int CRASH_AFTER_SLOT = 10;
  private static final List<Integer> SECOND_PROOF_SLOTS = List.of(3, 8, 13);
  private static final int PROOF_SIZE = 4096;
  private static final Duration AT_MOST = Duration.ofSeconds(60);

  private final Services services = new Services();
  private final List<BroadcasterRun> broadcasters = new ArrayList<>();
  private EmbeddedKafkaKraftBroker kafka;
  private ScriptedBeaconNode beacon;
  private ProofFeed feed;

  @BeforeEach
  void startKafkaAndChain() throws Exception {
    kafka =
        new EmbeddedKafkaKraftBroker(
            1, 2, ProofFeed.TOPIC, "broadcast-results", "proven-blocks", UNUSED_TOPIC);
    kafka.afterPropertiesSet();
    beacon = new ScriptedBeaconNode(TestChain.genesis());
    TestChain.extend(beacon, 1, BLOCKS);
    feed = new ProofFeed(kafka.getBrokersAsString());
  }

  @AfterEach
  void stopEverything() {
    broadcasters.forEach(BroadcasterRun::close);
    services.close();
    feed.close();
    beacon.close();
    kafka.destroy();
  }

  @Test
  void proofsWaitForPeersAndSurviveABroadcasterCrash() throws Exception {
    final long t0 = System.nanoTime();
    final Path work =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "peers-come-and-go");
    final Path key = work.resolve("broadcaster.key");
    final Secp256k1PrivateKey identity = Secp256k1PrivateKey.generate();
    NodeKeyFile.write(key, identity);
    final int port = RunClock.freePort();
    final String validatorDb = EmbeddedPostgresSupport.newDatabase();
    final String firstAddress =
        "/ip4/127.0.0.1/tcp/" + port + "/p2p/" + PeerId.fromPublicKey(identity.publicKey());

    // 1. No peer: proofs are retried through the retry topics, not published, not dead-lettered.
    final BroadcasterRun first =
        startBroadcaster(
            ModulePaths.broadcasterExecJar(),
            work,
            List.of(),
            "--broadcaster.p2p.listen-port=" + port,
            "--broadcaster.p2p.identity-key-file=" + key.toAbsolutePath());
    publishBlocks(1, WAITING_BLOCKS, 50);
    try (TopicReader retry0 = new TopicReader(kafka, ProofFeed.TOPIC + "-retry-0");
        TopicReader retry1 = new TopicReader(kafka, ProofFeed.TOPIC + "-retry-1");
        TopicReader results = new TopicReader(kafka, "broadcast-results")) {
      final Set<String> waiting = expectedKeys(1, WAITING_BLOCKS);
      await()
          .atMost(AT_MOST)
          .until(
              () -> proofsIn(retry0).containsAll(waiting) && proofsIn(retry1).containsAll(waiting));
      assertThat(results.poll(Duration.ofMillis(500)))
          .as("no outcome while without peers")
          .isEmpty();
    }

    System.out.printf("peers come and go: retried without peers after %d ms%n", RunClock.elapsed(t0));
    // 2. A validator connects: the waiting proofs arrive.
    final List<String> validatorArgs =
        ServiceArgs.validator(kafka.getBrokersAsString(), validatorDb, beacon.url(), PROOF_TYPES);
    validatorArgs.add("--validator.p2p.static-peers=" + firstAddress);
    final ConfigurableApplicationContext validator =
        services.start(ValidatorApplication.class, "validator", validatorArgs);
    final ValidatorProbe probe = new ValidatorProbe(validator, validatorDb);
    await().atMost(AT_MOST).until(() -> probe.storedProofs().size() == WAITING_BLOCKS * 2);

    System.out.printf("peers come and go: waiting proofs stored after %d ms%n", RunClock.elapsed(t0));
    // 3. Crash the broadcaster mid-stream, start another that dials the validator.
    // No pause between these blocks, and the crash right behind them: the broadcaster is still at
    // work on them when it dies.
    publishBlocks(WAITING_BLOCKS + 1, CRASH_AFTER_SLOT, 0);
    first.crash();
    // In this JVM: its classes are loaded, so it starts faster than a second child process.
    final BroadcasterRun second =
        startBroadcaster(Optional.empty(), work, List.of(probe.p2pAddress()));
    publishBlocks(CRASH_AFTER_SLOT + 1, BLOCKS, 50);
    for (final int slot : SECOND_PROOF_SLOTS) {
      final int mock = PROOF_TYPES.get("mock");
      feed.publish(slot, "mock", ProofFeed.mockProof(slot, mock, PROOF_SIZE + 1)).get();
    }

    final ProvenChainService chain = validator.getBean(ProvenChainService.class);
    await()
        .atMost(AT_MOST)
        .until(
            () ->
                chain.heads().map(h -> h.provenHead().slot()).orElse(-1L) == BLOCKS
                    && probe.proofCount("gossip", "ignore", "duplicate")
                        >= SECOND_PROOF_SLOTS.size());
    System.out.printf(
        "peers come and go: all proven after %d ms; first broadcaster %s, second %s%n",
        RunClock.elapsed(t0), first.kind(), second.kind());

    assertThat(probe.storedProofs())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(storedRows(1, BLOCKS));
    assertThat(probe.proofCount("gossip", "accept")).isEqualTo(BLOCKS * PROOF_TYPES.size());
    assertThat(probe.proofCount("gossip", "reject")).isZero();
    assertThat(chain.heads().orElseThrow().gapSlots()).isZero();
    assertEveryProofPublishedAndNoneDeadLettered();
  }

  private void assertEveryProofPublishedAndNoneDeadLettered() {
    try (TopicReader reader = new TopicReader(kafka, "broadcast-results")) {
      final List<JsonNode> results = new ArrayList<>();
      await()
          .atMost(AT_MOST)
          .until(
              () -> {
                results.clear();
                results.addAll(reader.pollJson(Duration.ofMillis(300)));
                return results.size() >= BLOCKS * PROOF_TYPES.size() + SECOND_PROOF_SLOTS.size();
              });
      assertThat(results)
          .extracting(r -> r.path("result").asString())
          .as("outcomes")
          .containsOnly("published");
      final Set<String> published =
          results.stream()
              .map(r -> r.path("block_hash").asString() + "/" + r.path("subnet").asInt())
              .collect(Collectors.toSet());
      assertThat(published).containsExactlyInAnyOrderElementsOf(expectedKeys(1, BLOCKS));
      System.out.printf(
          "peers come and go: %d published results for %d distinct proofs and %d second proofs"
              + " (the rest were published again after the crash)%n",
          results.size(), published.size(), SECOND_PROOF_SLOTS.size());
      // Each proof that waited for the validator was first published on a later attempt (a
      // block's results share a partition, so the first read is the first written).
      final Map<String, Integer> firstAttempts =
          results.stream()
              .collect(
                  Collectors.toMap(
                      PeersComeAndGoTest::key, r -> r.path("attempts").asInt(), (a, b) -> a));
      expectedKeys(1, WAITING_BLOCKS)
          .forEach(k -> assertThat(firstAttempts.get(k)).as(k).isGreaterThanOrEqualTo(2));
    }
  }

  private BroadcasterRun startBroadcaster(
      final Optional<Path> execJar,
      final Path work,
      final List<String> staticPeers,
      final String... extra)
      throws Exception {
    final List<String> args = ServiceArgs.broadcaster(kafka.getBrokersAsString(), staticPeers);
    args.addAll(
        List.of(
            // About 55 s of retries (1, 2, 4, then 8 s): enough for a validator to start.
            "--broadcaster.retry.attempts=10",
            "--broadcaster.retry.initial-backoff=1s",
            "--broadcaster.retry.multiplier=2",
            "--broadcaster.retry.max-backoff=8s",
            "--broadcaster.retry.timeout=3m",
            // A killed member's partitions move to the next broadcaster after this, not 45 s.
            "--spring.kafka.consumer.properties.session.timeout.ms=6000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000"));
    for (final String override : extra) {
      final String name = override.substring(0, override.indexOf('=') + 1);
      args.removeIf(a -> a.startsWith(name));
      args.add(override);
    }
    final BroadcasterRun run =
        BroadcasterRun.start(
            execJar,
            args,
            services,
            work.resolve("broadcaster-" + broadcasters.size() + ".log"));
    broadcasters.add(run);
    return run;
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

  /** "block hash/subnet" of each proof in a retry topic, read from the SSZ value. */
  private static Set<String> proofsIn(final TopicReader topic) {
    return topic.poll(Duration.ofMillis(200)).stream()
        .map(PeersComeAndGoTest::key)
        .collect(Collectors.toSet());
  }

  private static String key(final ConsumerRecord<String, byte[]> record) {
    final ExecutionProof proof = ExecutionProofSchema.DEFAULT.decode(record.value());
    return proof.blockHash().toHexString() + "/" + proof.subnetId().value();
  }

  private static String key(final JsonNode result) {
    return result.path("block_hash").asString() + "/" + result.path("subnet").asInt();
  }

  private static List<String> storedRows(final int from, final int to) {
    return expectedKeys(from, to).stream().map(k -> k + "/gossip").toList();
  }

  private static Set<String> expectedKeys(final int from, final int to) {
    return TestChain.proofKeys(from, to, PROOF_TYPES.values());
  }
}

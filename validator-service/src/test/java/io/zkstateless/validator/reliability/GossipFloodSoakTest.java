package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.FloodSupport.TOPIC;
import static io.zkstateless.validator.reliability.FloodSupport.honestPeer;
import static io.zkstateless.validator.reliability.FloodSupport.port;
import static io.zkstateless.validator.reliability.FloodSupport.validProof;
import static io.zkstateless.validator.reliability.Reliability.MOCK_SUBNET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipCodec;
import io.zkstateless.common.p2p.gossip.score.PeerScore;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.validator.gossip.ValidatorP2pNode;
import io.zkstateless.validator.ingest.ProofIngestionPipeline;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #9, memory over time: {@link GossipFloodTest}'s flood (a Sybil rotating identities every
 * 2 s, junk TCP connections) held for {@code -Dflood.soak.minutes}, while the honest peer publishes
 * a proof every 5 s. Every {@code -Dflood.soak.sample.seconds} (by default a thirtieth of the soak)
 * the heap used after a full GC and the live instances of the structures a flood fills (score
 * records, delivery records, message ids, message cache, pending proofs, failure buckets, yamux
 * streams, channels) are sampled; the table is logged for docs/reliability.md. Asserted: no heap
 * trend (last third's mean within {@code flood.soak.margin.mib} of the second third's), an absolute
 * ceiling, each structure within its bound, every honest proof proven, every past identity
 * disconnected. A command, not a CI test: it runs for minutes, alone in its JVM.
 */
@EnabledIfSystemProperty(named = "flood.soak.minutes", matches = "[1-9][0-9]*")
@SpringBootTest(
    properties = {
      "validator.p2p.fork-digest=0xbfe0d3f4",
      "validator.p2p.listen-address=127.0.0.1",
      "validator.p2p.listen-port=0"
    })
@EmbeddedKafka(partitions = 1, topics = {"proven-blocks", "execution-proofs"})
class GossipFloodSoakTest {

  private static final Logger LOG = LoggerFactory.getLogger(GossipFloodSoakTest.class);
  private static final Duration SOAK = Duration.ofMinutes(Long.getLong("flood.soak.minutes", 0));
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(
      Long.getLong("flood.soak.sample.seconds", Math.max(5, SOAK.toSeconds() / 30)));
  private static final long MARGIN_MIB = Long.getLong("flood.soak.margin.mib", 16);
  private static final long CEILING_MIB = Long.getLong("flood.soak.ceiling.mib", 512);
  private static final Duration PROOF_EVERY = Duration.ofSeconds(5);
  private static final Duration ROTATE = Duration.ofMillis(Long.getLong("flood.soak.rotate.millis", 2000));
  /** Blocks for every proof the soak can publish, and the attacker's known blocks. */
  private static final int BLOCKS = (int) (SOAK.toSeconds() / PROOF_EVERY.toSeconds()) + 2;
  private static final ExecutionProofGossipCodec CODEC =
      new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT);

  private static ScriptedBeaconNode beacon;
  private static Eth2GossipNode honest;

  @Autowired private ProvenChainService chain;
  @Autowired private MeterRegistry meters;
  @Autowired private ValidatorP2pNode node;
  @Autowired private ProofIngestionPipeline pipeline;

  @DynamicPropertySource
  static void dependencies(final DynamicPropertyRegistry registry) throws Exception {
    final String url = EmbeddedPostgresSupport.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(root(0), 0, Bytes32.ZERO.toHexString(), payload(0), 0));
    honest = honestPeer();
    registry.add("validator.beacon.url", () -> beacon.url().toString());
    registry.add("validator.p2p.static-peers",
        () -> honest.listenAddresses().get(0).withPeerId(honest.peerId()).toString());
  }

  @AfterAll
  static void stop() {
    honest.close();
    beacon.close();
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.HOURS)
  void heapDoesNotGrowWhileAPeerFloodsJunk() throws Exception {
    for (int n = 1; n <= BLOCKS; n++) {
      beacon.addBlock(new ScriptedBeaconNode.Block(root(n), n, root(n - 1), payload(n), n));
    }
    beacon.setHead(root(BLOCKS));
    await().atMost(Duration.ofSeconds(60))
        .until(() -> chain.heads().map(h -> h.optimisticHead().slot() == BLOCKS).orElse(false));
    await().atMost(Duration.ofSeconds(30)).until(() -> honest.meshPeerCount(TOPIC) == 1);
    publishAndAwaitProven(1);

    final Multiaddr victim = node.listenAddresses().get(0).withPeerId(node.peerId());
    final List<Bytes32> known = IntStream.rangeClosed(1, BLOCKS).mapToObj(n -> Bytes32.fromHex(payload(n))).toList();
    final AtomicBoolean stop = new AtomicBoolean();
    final JunkConnections junk = new JunkConnections(port(victim));
    try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());
        GossipAttacker attacker = new GossipAttacker(victim, TOPIC.toString(), MOCK_SUBNET, known, ROTATE)) {
      final MemorySamples samples = samples(attacker);
      samples.take(0); // before the flood: not part of the trend
      final long started = System.nanoTime();
      final CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> attacker.flood(stop::get), threads);
      final CompletableFuture<Void> raw = CompletableFuture.runAsync(() -> junk.run(stop::get), threads);

      final List<Long> latencies = new ArrayList<>();
      long nextSample = SAMPLE_EVERY.toNanos();
      int n = 1;
      while (System.nanoTime() - started < SOAK.toNanos() && n < BLOCKS) {
        Thread.sleep(PROOF_EVERY.toMillis());
        latencies.add(publishAndAwaitProven(++n));
        if (System.nanoTime() - started >= nextSample) {
          samples.take(Duration.ofNanos(System.nanoTime() - started).toSeconds());
          nextSample += SAMPLE_EVERY.toNanos();
        }
      }
      stop.set(true);
      flood.join();
      raw.join();
      final int identities = attacker.identities().size();
      final long slow = latencies.stream().filter(l -> l > 2000).count();
      final List<Long> sorted = latencies.stream().sorted().toList();
      final long trend = samples.heapTrend(1);
      LOG.info("Soak of {} min: {} identities, {} gossip messages, {} junk connections; {} honest proofs, "
              + "proven in median {} ms, max {} ms, {} over 2 s; disconnects {}; heap trend (last third - second "
              + "third) {} KiB, max {} MiB\n{}",
          SOAK.toMinutes(), identities, attacker.messages(), junk.connections.get(), latencies.size(),
          sorted.get(sorted.size() / 2), sorted.getLast(), slow,
          meters.get("validator_gossip_peer_disconnects_total").counter().count(),
          trend >> 10, samples.maxHeap() >> 20, samples.table());

      assertThat(samples.samples()).as("samples under flood").hasSizeGreaterThanOrEqualTo(7);
      assertThat(trend).as("heap growth from the second third to the last").isLessThan(MARGIN_MIB << 20);
      assertThat(samples.maxHeap()).as("heap ceiling").isLessThan(CEILING_MIB << 20);
      // Each structure within its own bound (the attacker and the honest peer share the JVM; the
      // honest peer's own score and delivery records are a handful).
      assertThat(samples.max("scores")).isLessThanOrEqualTo(
          PeerScore.MAX_RETAINED_PEERS + HostConfig.DEFAULT_MAX_CONNECTIONS + 2);
      assertThat(samples.max("deliveries")).isLessThanOrEqualTo(2 * 100_000);
      assertThat(samples.max("pending")).isLessThanOrEqualTo(1024);
      assertThat(samples.max("connections")).isLessThanOrEqualTo(HostConfig.DEFAULT_MAX_CONNECTIONS);
      assertThat(attacker.messages()).as("the attacker got messages through").isGreaterThan(1000 * SOAK.toMinutes());
      assertThat(meters.get("validator_gossip_peer_disconnects_total").counter().count())
          .as("identities disconnected for their REJECTs").isGreaterThanOrEqualTo(identities - 1);
      assertThat(node.connectionRejections().unexpectedErrors()).isZero();
      assertThat(node.isRunning()).isTrue();
    } finally {
      stop.set(true);
    }
  }

  private MemorySamples samples(final GossipAttacker attacker) {
    final Map<String, Supplier<Long>> gauges = new LinkedHashMap<>();
    gauges.put("connections", () -> (long) node.connectionCount());
    gauges.put("graylisted", () -> (long) node.graylistedPeerCount());
    gauges.put("identities", () -> (long) attacker.identities().size());
    gauges.put("attack msgs (k)", () -> attacker.messages() / 1000);
    return new MemorySamples(MemorySamples.FLOOD_CLASSES, gauges);
  }

  /** Publishes block {@code n}'s proof from the honest peer; milliseconds until it is proven. */
  private long publishAndAwaitProven(final int n) {
    final long published = System.nanoTime();
    assertThat(honest.publish(TOPIC, CODEC.encode(validProof(Bytes32.fromHex(payload(n)))))).isEqualTo(1);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5))
        .until(() -> chain.heads().map(h -> h.provenHead().slot()).orElse(-1L) >= n);
    return (System.nanoTime() - published) / 1_000_000;
  }

  /** Beacon root of soak block {@code n} (four hex digits: a soak has more than 255 blocks). */
  private static String root(final int n) {
    return "0x" + "a2".repeat(30) + String.format("%04x", n);
  }

  private static String payload(final int n) {
    return "0x" + "e2".repeat(30) + String.format("%04x", n);
  }
}

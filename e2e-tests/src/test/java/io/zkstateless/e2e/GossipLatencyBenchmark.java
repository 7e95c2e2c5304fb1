package io.zkstateless.e2e;

import static io.zkstateless.e2e.support.ServiceArgs.UNUSED_TOPIC;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.gossip.P2pGossipPublisher;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.e2e.support.ProofFeed;
import io.zkstateless.e2e.support.ProvenHeadClock;
import io.zkstateless.e2e.support.ServiceArgs;
import io.zkstateless.e2e.support.Services;
import io.zkstateless.e2e.support.TestChain;
import io.zkstateless.e2e.support.TopicReader;
import io.zkstateless.e2e.support.ValidatorProbe;
import io.zkstateless.validator.ValidatorApplication;
import io.zkstateless.validator.gossip.ValidatorP2pNode;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * End-to-end latency of the gossip path: from the moment a block's last proof is handed to the
 * Kafka producer (as the prover's publisher does) to the moment the validator's proven head reaches
 * that block, through Kafka, the broadcaster, libp2p gossipsub on loopback, mock verification and
 * PostgreSQL. One JVM, one clock ({@link System#nanoTime()}). Not part of normal builds; run with:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl e2e-tests -am test -Dfuzz.skip=true -Dtest=GossipLatencyBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true \
 *     [-Dbenchmark.blocks=500] [-Dbenchmark.warmupBlocks=50] [-Dbenchmark.proofSize=307200] \
 *     [-Dbenchmark.intervalMs=100] [-Dbenchmark.broadcasterConcurrency=1]
 * grep latency e2e-tests/target/surefire-reports/io.zkstateless.e2e.GossipLatencyBenchmark-output.txt
 * </pre>
 *
 * Blocks are known to the validator before their proofs are published; each block gets one mock
 * proof of each of 2 types ("mock", "sp1"; 2 required), one block every {@code intervalMs}.
 *
 * <p>The first {@code warmupBlocks} blocks go the same way but are not counted, as JMH's warm-up
 * iterations are not: on a quiet machine the first ten blocks of a fresh JVM take 180-580 ms (JIT,
 * first Kafka fetch sessions, first gossip streams) and nothing after them goes over 150 ms. Their
 * worst latency is printed on its own line so a cold start stays visible.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class GossipLatencyBenchmark {

  private static final Map<String, Integer> PROOF_TYPES =
      Map.of(
          "mock", ProofTypeRegistry.DEFAULT_TYPES.get("mock"),
          "sp1", ProofTypeRegistry.DEFAULT_TYPES.get("sp1"));

  /** The broadcaster's per-proof stage timers, printed with their p50 / p90 / p99. */
  private static final List<String> BROADCASTER_STAGES =
      List.of(
          "broadcaster_record_age_seconds",
          "broadcaster_publish_seconds",
          "broadcaster_result_ack_seconds");

  @Test
  void proofPublishToProvenHead() throws Exception {
    final int measured = Integer.getInteger("benchmark.blocks", 500);
    final int warmup = Integer.getInteger("benchmark.warmupBlocks", 50);
    final int blocks = warmup + measured;
    final int proofSize = Integer.getInteger("benchmark.proofSize", 300 * 1024);
    final long intervalMs = Long.getLong("benchmark.intervalMs", 100);
    final int concurrency = Integer.getInteger("benchmark.broadcasterConcurrency", 1);
    final EmbeddedKafkaKraftBroker kafka =
        new EmbeddedKafkaKraftBroker(
            1, 2, ProofFeed.TOPIC, "broadcast-results", "proven-blocks", UNUSED_TOPIC);
    kafka.afterPropertiesSet();
    final ScriptedBeaconNode beacon = new ScriptedBeaconNode(TestChain.genesis());
    for (int slot = 1; slot <= blocks; slot++) {
      beacon.addBlockSilently(TestChain.block(slot));
    }
    beacon.setHeadSilently(TestChain.beaconRoot(blocks));
    final ProvenHeadClock provenHead = new ProvenHeadClock();
    try (Services services = new Services();
        ProofFeed feed = new ProofFeed(kafka.getBrokersAsString())) {
      final String db = EmbeddedPostgresSupport.newDatabase();
      final ConfigurableApplicationContext validator =
          services.start(
              ValidatorApplication.class,
              "validator",
              ServiceArgs.validator(kafka.getBrokersAsString(), db, beacon.url(), PROOF_TYPES),
              provenHead);
      final ValidatorProbe probe = new ValidatorProbe(validator, db);
      final List<String> broadcasterArgs =
          ServiceArgs.broadcasterInJvm(kafka.getBrokersAsString(), List.of(probe.p2pAddress()));
      // One consumer thread per container by default; more lets partitions progress in parallel.
      broadcasterArgs.add("--spring.kafka.listener.concurrency=" + concurrency);
      for (final String stage : BROADCASTER_STAGES) {
        // Brackets keep the underscores of the meter name in the map key.
        broadcasterArgs.add(
            "--management.metrics.distribution.percentiles[" + stage + "]=0.5,0.9,0.99");
        // Percentiles are over a decaying window (2 minutes by default): keep the whole run.
        broadcasterArgs.add("--management.metrics.distribution.expiry[" + stage + "]=30m");
        broadcasterArgs.add("--management.metrics.distribution.buffer-length[" + stage + "]=1");
      }
      final ConfigurableApplicationContext broadcaster =
          services.start(BroadcasterApplication.class, "broadcaster", broadcasterArgs);
      final P2pGossipPublisher publisher = broadcaster.getBean(P2pGossipPublisher.class);
      final ProvenChainService chain = validator.getBean(ProvenChainService.class);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  chain.heads().map(h -> h.optimisticHead().slot()).orElse(-1L) == blocks
                      && PROOF_TYPES.values().stream()
                          .allMatch(s -> publisher.peersPerSubnet().getOrDefault(s, 0) >= 1));

      final long[] published = new long[blocks + 1];
      final long started = System.nanoTime();
      for (int slot = 1; slot <= blocks; slot++) {
        final long due = started + (slot - 1) * intervalMs * 1_000_000;
        while (System.nanoTime() < due) {
          Thread.sleep(1);
        }
        for (final Map.Entry<String, Integer> type : PROOF_TYPES.entrySet()) {
          final var proof = ProofFeed.mockProof(slot, type.getValue(), proofSize);
          // The block can be proven only once its last proof is out: stamp before that send.
          published[slot] = System.nanoTime();
          feed.publish(slot, type.getKey(), proof);
        }
      }
      waitForProvenHead(provenHead, blocks, chain, probe, validator);

      final List<Long> latencies = new ArrayList<>();
      final List<Long> toProven = new ArrayList<>();
      final List<Long> toBroadcast = new ArrayList<>();
      final List<Long> warmupLatencies = new ArrayList<>();
      for (int slot = 1; slot <= warmup; slot++) {
        if (provenHead.reachedAt(slot) != null) {
          warmupLatencies.add(provenHead.reachedAt(slot) - published[slot]);
        }
      }
      final Map<String, Long> resultAt = resultTimes(kafka, blocks * PROOF_TYPES.size());
      for (int slot = warmup + 1; slot <= blocks; slot++) {
        if (provenHead.reachedAt(slot) != null) {
          latencies.add(provenHead.reachedAt(slot) - published[slot]);
        }
        if (provenHead.provenAt(slot) != null) {
          toProven.add(provenHead.provenAt(slot) - published[slot]);
        }
        final Long result = resultAt.get(TestChain.payloadHash(slot));
        if (result != null) {
          toBroadcast.add(result - published[slot]);
        }
      }
      System.out.printf(
          "latency: broadcaster listener concurrency %d; %d of %d measured blocks proven (after"
              + " %d warm-up blocks), %d proofs stored, %.0f gossip proofs found the validation"
              + " queue full, validator paused reading %d times%n",
          concurrency,
          toProven.size(),
          measured,
          warmup,
          probe.storedProofs().size(),
          overloaded(validator),
          validator.getBean(ValidatorP2pNode.class).readPauses());
      report("warm-up, publish to proven head", warmup, proofSize, intervalMs, warmupLatencies);
      report("publish to proven head", measured, proofSize, intervalMs, latencies);
      report("publish to block proven", measured, proofSize, intervalMs, toProven);
      report("publish to broadcast result", measured, proofSize, intervalMs, toBroadcast);
      reportBroadcasterStages(broadcaster);
    } finally {
      beacon.close();
      kafka.destroy();
    }
  }

  /** Waits up to 2 minutes, printing progress every 10 s (and what is missing on failure). */
  private static void waitForProvenHead(
      final ProvenHeadClock provenHead,
      final int blocks,
      final ProvenChainService chain,
      final ValidatorProbe probe,
      final ConfigurableApplicationContext validator)
      throws InterruptedException {
    final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long nextReport = System.nanoTime();
    while (provenHead.reachedAt(blocks) == null) {
      if (System.nanoTime() > nextReport) {
        System.out.printf(
            "benchmark progress: proven head %d, stored %d, gossip accept %.0f ignore %.0f,"
                + " overloaded %.0f%n",
            chain.heads().map(h -> h.provenHead().slot()).orElse(-1L),
            probe.storedProofs().size(),
            probe.proofCount("gossip", "accept"),
            probe.proofCount("gossip", "ignore"),
            overloaded(validator));
        nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      }
      if (System.nanoTime() > deadline) {
        System.out.printf("latency: proven head did not reach %d within 2 minutes%n", blocks);
        return;
      }
      Thread.sleep(20);
    }
  }

  private static void reportBroadcasterStages(final ConfigurableApplicationContext broadcaster) {
    final MeterRegistry meters = broadcaster.getBean(MeterRegistry.class);
    for (final String stage : BROADCASTER_STAGES) {
      final Timer timer = meters.find(stage).timer();
      if (timer == null) {
        System.out.printf("latency, broadcaster stage %s: no such timer%n", stage);
        continue;
      }
      final StringBuilder line =
          new StringBuilder(
              String.format("latency, broadcaster stage %s: %d proofs, warm-up included", stage, timer.count()));
      for (final ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
        line.append(
            String.format(
                ", p%.0f %.1f ms", p.percentile() * 100, p.value(TimeUnit.NANOSECONDS) / 1e6));
      }
      line.append(String.format(", max %.1f ms", timer.max(TimeUnit.MILLISECONDS)));
      System.out.println(line);
    }
  }

  private static double overloaded(final ConfigurableApplicationContext validator) {
    final var counter =
        validator.getBean(MeterRegistry.class).find("validator_gossip_overloaded_total").counter();
    return counter == null ? 0 : counter.count();
  }

  /**
   * When the broadcaster recorded each block's last {@code broadcast-results} record (just after
   * its publish call returned), from the records' CreateTime, moved onto {@link System#nanoTime()}.
   * Milliseconds only, enough to split the path in two.
   */
  private static Map<String, Long> resultTimes(
      final EmbeddedKafkaKraftBroker kafka, final int expected) {
    final long wallToNano = System.nanoTime() - System.currentTimeMillis() * 1_000_000;
    final Map<String, Long> last = new HashMap<>();
    try (TopicReader reader = new TopicReader(kafka, "broadcast-results")) {
      List<ConsumerRecord<String, byte[]>> records = List.of();
      for (int i = 0; i < 50 && records.size() < expected; i++) {
        records = reader.poll(Duration.ofMillis(200));
      }
      for (final ConsumerRecord<String, byte[]> record : records) {
        last.merge(record.key(), record.timestamp() * 1_000_000 + wallToNano, Math::max);
      }
    }
    return last;
  }

  private static void report(
      final String what,
      final int blocks,
      final int proofSize,
      final long intervalMs,
      final List<Long> nanos) {
    final long[] ms = nanos.stream().mapToLong(n -> n / 1_000).sorted().toArray();
    if (ms.length == 0) {
      System.out.printf("latency, %s: no block got there%n", what);
      return;
    }
    System.out.printf(
        "latency, %s: %d of %d blocks x %d proof types of %d bytes, one block per %d ms:"
            + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, mean %.1f ms%n",
        what,
        ms.length,
        blocks,
        PROOF_TYPES.size(),
        proofSize,
        intervalMs,
        percentile(ms, 50),
        percentile(ms, 90),
        percentile(ms, 99),
        ms[ms.length - 1] / 1000.0,
        Arrays.stream(ms).average().orElse(0) / 1000.0);
  }

  /** Nearest-rank percentile of sorted microseconds, in milliseconds. */
  private static double percentile(final long[] sortedMicros, final int p) {
    final int rank = (int) Math.ceil(p / 100.0 * sortedMicros.length);
    return sortedMicros[Math.max(0, rank - 1)] / 1000.0;
  }
}

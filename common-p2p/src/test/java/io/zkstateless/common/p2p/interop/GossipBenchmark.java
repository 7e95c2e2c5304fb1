package io.zkstateless.common.p2p.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.util.ResourceLeakDetector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Gossip between two connected nodes on loopback, for three pairs in one run: Java→Java (two {@code
 * Eth2GossipNode}s in this JVM), JS→JS (two js-libp2p processes) and Java→JS. A message goes
 * publish → snappy → gossipsub → yamux → noise → TCP → ... → eth2 message id → SSZ decode → the
 * subscriber's application (which ACCEPTs). Not part of normal builds; run with:
 *
 * <pre>
 * (cd common-p2p/src/test/js &amp;&amp; npm ci)
 * ./mvnw -B -ntp -q -pl common-p2p -am test -Dfuzz.skip=true -Dtest=GossipBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true -Dp2p.test.leakDetection=disabled
 * cat common-p2p/target/surefire-reports/io.zkstateless.common.p2p.interop.GossipBenchmark-output.txt
 * </pre>
 *
 * Throughput: {@code benchmark.bigMessages} (600) messages of 300 KiB back to back, with at most
 * {@code benchmark.window} (3) published but not yet delivered (what one stream may queue).
 * Latency: {@code benchmark.smallMessages} (3,000) 1 KiB messages at {@code benchmark.smallRate}
 * (1,000/s), timed from the publisher's send time inside the payload to delivery, on the one
 * monotonic clock both runtimes read. Each pair first runs a shorter warm-up of both; the whole run
 * repeats {@code benchmark.rounds} (3) times.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class GossipBenchmark {

  private static final String FORK_DIGEST = "bfe0d3f4";
  private static final String TOPIC =
      "/eth2/" + FORK_DIGEST + "/execution_proof_" + BenchProofs.SUBNET + "/ssz_snappy";
  private static final int BIG = 300 * 1024;
  private static final int SMALL = 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final int bigMessages = Integer.getInteger("benchmark.bigMessages", 600);
  private final int window = Integer.getInteger("benchmark.window", 3);
  private final int smallMessages = Integer.getInteger("benchmark.smallMessages", 3_000);
  private final int smallRate = Integer.getInteger("benchmark.smallRate", 1_000);
  private final int rounds = Integer.getInteger("benchmark.rounds", 3);
  private final List<String> pairs =
      List.of(System.getProperty("benchmark.pairs", "java-java,js-js,java-js").split(","));

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void gossipBetweenJavaAndJsLibp2p() throws Exception {
    final Optional<String> unavailable = JsLibp2pPeer.unavailableReason();
    assumeTrue(unavailable.isEmpty(), () -> "Skipping: " + unavailable.orElse(""));
    // The pom turns leak detection to paranoid for tests; a benchmark must not pay for it.
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    System.out.printf(
        "%d x %d KiB (window %d), %d x %d B at %d/s, %d rounds, %d cores%n",
        bigMessages,
        BIG / 1024,
        window,
        smallMessages,
        SMALL,
        smallRate,
        rounds,
        Runtime.getRuntime().availableProcessors());
    final List<PairResult> results = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (final String pair : pairs) {
        final PairResult result = runPair(pair.strip());
        System.out.println("round " + round + ": " + result.row());
        results.add(result);
      }
    }
    System.out.println();
    System.out.println(PairResult.HEADER);
    results.forEach(r -> System.out.println(r.row()));
    System.out.println();
    System.out.println(PairResult.summary(results, pairs));
  }

  private PairResult runPair(final String pair) throws Exception {
    final String[] sides = pair.split("-");
    try (BenchPeer subscriber = start(sides[1], List.of(), "sub");
        BenchPeer publisher = start(sides[0], List.of(subscriber.address()), "pub")) {
      checkClock(subscriber);
      subscriber.subscribe(TOPIC);
      publisher.awaitSubscriber(TOPIC, subscriber.peerId());
      long seq = 0;
      seq = throughput(publisher, subscriber, seq, Math.max(window, bigMessages / 6)).next();
      seq = latency(publisher, subscriber, seq, smallMessages / 3).next();
      final Phase big = throughput(publisher, subscriber, seq, bigMessages);
      final Phase small = latency(publisher, subscriber, big.next(), smallMessages);
      Arrays.sort(small.latencies());
      return new PairResult(
          publisher.name() + "→" + subscriber.name(),
          bigMessages / big.seconds(),
          bigMessages * (double) BIG / (1024 * 1024) / big.seconds(),
          big.cpuMsPerMessage(),
          percentile(small.latencies(), 0.50),
          percentile(small.latencies(), 0.99));
    }
  }

  private static BenchPeer start(final String kind, final List<String> dial, final String role)
      throws Exception {
    if (kind.equals("java")) {
      return JavaBenchPeer.start(FORK_DIGEST, dial);
    }
    return JsBenchPeer.start(Path.of("target/js-bench-" + role + ".stderr.log"), dial);
  }

  /** Latency in a js process is node's monotonic clock minus ours: it must be the same clock. */
  private static void checkClock(final BenchPeer peer) throws Exception {
    if (peer instanceof JsBenchPeer js) {
      final long before = System.nanoTime();
      final long theirs = js.monotonicNanos();
      final long after = System.nanoTime();
      if (theirs < before || theirs > after) {
        throw new IllegalStateException(
            "node's monotonic clock " + theirs + " is not ours: [" + before + ", " + after + "]");
      }
    }
  }

  private Phase throughput(
      final BenchPeer publisher, final BenchPeer subscriber, final long firstSeq, final int count)
      throws Exception {
    subscriber.trackDeliveries(true);
    final long base = subscriber.delivered();
    final long cpuStart = pairCpuNanos(publisher, subscriber);
    final long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (i >= window) {
        subscriber.awaitDelivered(base + i - window + 1, TIMEOUT);
      }
      publisher.publish(TOPIC, firstSeq + i, 1, BIG);
    }
    subscriber.awaitDelivered(base + count, TIMEOUT);
    final double seconds = (System.nanoTime() - start) / 1e9;
    final double cpuMs = (pairCpuNanos(publisher, subscriber) - cpuStart) / 1e6;
    subscriber.trackDeliveries(false);
    subscriber.takeLatencies();
    return new Phase(firstSeq + count, seconds, cpuMs / count, new long[0]);
  }

  private Phase latency(
      final BenchPeer publisher, final BenchPeer subscriber, final long firstSeq, final int count)
      throws Exception {
    final long base = subscriber.delivered();
    subscriber.takeLatencies();
    final long start = System.nanoTime();
    publisher.paced(TOPIC, firstSeq, count, SMALL, 1_000_000_000L / smallRate);
    subscriber.awaitDelivered(base + count, TIMEOUT);
    final double seconds = (System.nanoTime() - start) / 1e9;
    return new Phase(firstSeq + count, seconds, 0, subscriber.takeLatencies());
  }

  private static double percentile(final long[] sorted, final double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    final int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** CPU of both processes (this JVM counted once), so the cost per message shows under load. */
  private static long pairCpuNanos(final BenchPeer publisher, final BenchPeer subscriber) {
    final long publisherCpu = publisher.processCpuNanos();
    final boolean sameProcess =
        publisher instanceof JavaBenchPeer && subscriber instanceof JavaBenchPeer;
    return sameProcess ? publisherCpu : publisherCpu + subscriber.processCpuNanos();
  }

  private record Phase(long next, double seconds, double cpuMsPerMessage, long[] latencies) {}
}

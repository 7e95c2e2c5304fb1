package io.zkstateless.prover.witness;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.common.test.el.SyntheticWitness;
import io.zkstateless.prover.witness.web3j.DebugWitnessWeb3j;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.web3j.protocol.http.HttpService;

/**
 * Peak heap while a synthetic witness (default 256 MiB of response JSON, 512-byte nodes) streams
 * from the fixture server into an {@link ExecutionWitness}. Not part of normal builds; run with:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl prover-service -am test -Dtest=WitnessStreamingBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true [-Dbenchmark.mib=256] [-Dbenchmark.web3j=true]
 * cat prover-service/target/surefire-reports/io.zkstateless.prover.witness.WitnessStreamingBenchmark-output.txt
 * </pre>
 *
 * <p>Heap is sampled every millisecond and read from every GC notification (heap pools before the
 * collection), so the peak includes garbage not yet collected: an upper bound. A heap cap shows the
 * real need: {@code -Dbenchmark.jvmArgs=-Xmx192m} still passes for 256 MiB of JSON (127 MiB
 * decoded). The server runs in the same JVM and its buffers are counted too. {@code
 * -Dbenchmark.web3j=true} also measures the same witness through web3j's own {@code
 * HttpService.send()} for comparison.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class WitnessStreamingBenchmark {

  private static final long MIB = 1 << 20;

  @Test
  void peakHeapWhileStreamingASyntheticWitness() throws Exception {
    final long jsonBytes = Long.getLong("benchmark.mib", 256) * MIB;
    final Bytes32 hash = Bytes32.fromHex("0x" + "5a".repeat(32));
    try (FixtureExecutionClient el = FixtureExecutionClient.start()) {
      el.serve(
          FixtureBlock.streamed(hash.toHexString(), 1, SyntheticWitness.ofSize(jsonBytes, 512)));
      final ExecutionWitnessClient client =
          ExecutionWitnessClient.create(
              ExecutionClientSettings.defaults(el.url()),
              Clock.systemUTC(),
              (task, delay) -> {},
              Executors.newVirtualThreadPerTaskExecutor());
      measure(
          "streaming (StreamingWitnessTransport)",
          jsonBytes,
          () -> client.fetchWitness(hash).join());
      if (Boolean.getBoolean("benchmark.web3j")) {
        final DebugWitnessWeb3j web3j = DebugWitnessWeb3j.build(new HttpService(el.url()));
        measure("web3j HttpService.send()", jsonBytes, () -> sendUnchecked(web3j, hash));
      }
    }
  }

  private static void measure(
      final String label, final long jsonBytes, final Supplier<ExecutionWitness> fetch)
      throws Exception {
    final long baseline = usedAfterGc();
    final HeapPeak peak = HeapPeak.start();
    final long start = System.nanoTime();
    ExecutionWitness witness = fetch.get();
    final long millis = (System.nanoTime() - start) / 1_000_000;
    final long peakUsed = peak.stop();
    final long retained = usedAfterGc() - baseline;
    System.out.printf(
        "%s: response JSON %d MiB, decoded witness %d MiB (%d state nodes) in %d ms;"
            + " peak heap above baseline %d MiB (%.2fx the JSON), retained after GC %d MiB%n",
        label,
        jsonBytes / MIB,
        witness.totalBytes() / MIB,
        witness.state().size(),
        millis,
        (peakUsed - baseline) / MIB,
        (double) (peakUsed - baseline) / jsonBytes,
        retained / MIB);
    witness = null;
  }

  private static long usedAfterGc() throws InterruptedException {
    System.gc();
    Thread.sleep(200);
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static ExecutionWitness sendUnchecked(final DebugWitnessWeb3j web3j, final Bytes32 hash) {
    try {
      return web3j.debugExecutionWitness(hash.toHexString()).send().getExecutionWitness();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Highest heap use seen by a 1 ms sampler and by GC "before" snapshots. */
  private static final class HeapPeak {
    private static final Set<String> HEAP_POOLS =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong max = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final NotificationListener listener =
        (notification, handback) -> onGc(notification.getUserData());
    private Thread sampler;

    static HeapPeak start() {
      final HeapPeak peak = new HeapPeak();
      for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener(peak.listener, null, null);
      }
      peak.sampler =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (peak.running.get()) {
                      peak.max.accumulateAndGet(
                          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                          Math::max);
                      try {
                        Thread.sleep(1);
                      } catch (final InterruptedException e) {
                        return;
                      }
                    }
                  });
      return peak;
    }

    long stop() throws Exception {
      running.set(false);
      sampler.join();
      for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).removeNotificationListener(listener);
      }
      return max.get();
    }

    private void onGc(final Object userData) {
      final GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) userData);
      final long before =
          info.getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
              .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
              .mapToLong(pool -> pool.getValue().getUsed())
              .sum();
      max.accumulateAndGet(before, Math::max);
    }
  }
}

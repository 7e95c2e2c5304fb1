package io.zkstateless.validator.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Ingest throughput of the validator on a real PostgreSQL: valid 300 KiB mock proofs from
 * arrival to proven-head update, junk proofs failing cheap checks while valid ones flow, and heap
 * with many stored proofs. Not part of normal builds; run with:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl validator-service -am test -Dfuzz.skip=true -Dtest=IngestBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true [-Dbenchmark.proofs=10000] [-Dbenchmark.threads=4]
 * cat validator-service/target/surefire-reports/io.zkstateless.validator.ingest.IngestBenchmark-output.txt
 * </pre>
 *
 * Blocks are recorded first; proofs then arrive on {@code benchmark.threads} (4) threads, as from
 * several gossip subnets, so the measured time per proof (checks → mock verification of 300 KiB →
 * PostgreSQL insert and commit → proven-view update) is the arrival to proven-head latency. Junk
 * (wrong version) is SSZ-decoded from bytes as gossip data would be, first alone, then on a
 * thread of its own while the valid proofs flow.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class IngestBenchmark {

  private static final int MOCK = 7;
  private static final int PROOF_SIZE = 300 * 1024;

  @Test
  void ingestValidProofsAndJunk() throws Exception {
    final int proofs = Integer.getInteger("benchmark.proofs", 2_000);
    final ProvenChainService chain = new ProvenViewFixture().service(ProvenChainListener.NOOP, Clock.systemUTC());
    final IngestProperties config = new IngestProperties(
        Map.of("mock", "mock"), 1024, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofDays(7),
        1_000_000, 1_000_000, 1_000_000);
    final ProofTypeRegistry types = ProofTypeRegistry.defaults();
    final ProofIngestionPipeline pipeline = new ProofIngestionPipeline(
        chain, types, IngestConfiguration.verifiers(types, config), config,
        new IngestMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), Executors.newSingleThreadExecutor());
    chain.anchor(block(0));

    final byte[] junk = junkBytes();
    final ProofSource attacker = new ProofSource(ProofSource.Kind.GOSSIP, "attacker");
    final long junkOnlyStart = System.nanoTime();
    long junkOnly = 0;
    while (System.nanoTime() - junkOnlyStart < 3_000_000_000L) {
      pipeline.ingest(ExecutionProofSchema.DEFAULT.decode(junk), attacker, OptionalInt.of(MOCK));
      junkOnly++;
    }
    System.out.printf("junk alone (decode + cheap checks), 1 thread: %.0f rejections/s%n",
        junkOnly / ((System.nanoTime() - junkOnlyStart) / 1e9));

    // Blocks first: proofs then arrive for known blocks from several gossip subnets at once.
    for (int n = 1; n <= proofs; n++) {
      chain.recordBlock(block(n));
      chain.updateHead(root(n));
    }

    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong junkRejected = new AtomicLong();
    final Thread junkSender = Thread.ofPlatform().start(() -> {
      while (running.get()) {
        pipeline.ingest(ExecutionProofSchema.DEFAULT.decode(junk), attacker, OptionalInt.of(MOCK));
        junkRejected.incrementAndGet();
      }
    });

    final int threads = Integer.getInteger("benchmark.threads", 4);
    final long[] latencies = new long[proofs];
    final AtomicLong next = new AtomicLong();
    final long started = System.nanoTime();
    final Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = Thread.ofPlatform().start(() -> {
        for (int i = (int) next.getAndIncrement(); i < proofs; i = (int) next.getAndIncrement()) {
          // Made here, not up front, so the heap holds only proofs in flight (the producer's cost is
          // outside the measured latency but inside the elapsed time: throughput is a lower bound).
          final ExecutionProof proof = new ExecutionProof(payload(i + 1), ExecutionProofSubnetId.of(MOCK), 1,
              ImmutableBytes.of(MockProofScheme.create(payload(i + 1), MOCK, PROOF_SIZE)), Instant.now().getEpochSecond());
          final long t0 = System.nanoTime();
          final IngestResult result =
              pipeline.ingest(proof, new ProofSource(ProofSource.Kind.GOSSIP, "honest"), OptionalInt.of(MOCK));
          latencies[i] = System.nanoTime() - t0;
          if (result.verdict() != Verdict.ACCEPT) {
            throw new AssertionError("proof " + i + ": " + result);
          }
        }
      });
    }
    for (final Thread worker : workers) {
      worker.join();
    }
    final double seconds = (System.nanoTime() - started) / 1e9;
    running.set(false);
    junkSender.join();
    if (chain.heads().orElseThrow().provenHead().slot() != proofs) {
      throw new AssertionError("proven head " + chain.heads().orElseThrow().provenHead().slot());
    }

    System.gc();
    final long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    Arrays.sort(latencies);
    System.out.printf("valid proofs: %d of %d KiB, %d threads, in %.1f s = %.0f proofs/s, while junk flowed%n",
        proofs, PROOF_SIZE / 1024, threads, seconds, proofs / seconds);
    System.out.printf("arrival -> stored and counted in the proven view: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        latencies[proofs / 2] / 1e6, latencies[(int) (proofs * 0.99)] / 1e6, latencies[proofs - 1] / 1e6);
    System.out.printf("junk rejected meanwhile (1 thread): %d = %.0f /s%n", junkRejected.get(), junkRejected.get() / seconds);
    System.out.printf("heap used after GC with %d stored proofs: %.1f MiB%n", proofs, heap / 1048576.0);
  }

  private static byte[] junkBytes() {
    final ExecutionProof junk = new ExecutionProof(payload(1), ExecutionProofSubnetId.of(MOCK), 2,
        ImmutableBytes.of(new byte[1024]), Instant.now().getEpochSecond());
    return ExecutionProofSchema.DEFAULT.encode(junk);
  }

  private static Bytes32 id(final int prefix, final int n) {
    final byte[] bytes = new byte[32];
    bytes[0] = (byte) prefix;
    ByteBuffer.wrap(bytes, 28, 4).putInt(n);
    return Bytes32.wrap(bytes);
  }

  private static Bytes32 root(final int n) {
    return id(0xa0, n);
  }

  private static Bytes32 payload(final int n) {
    return id(0xe0, n);
  }

  private static BeaconBlock block(final int n) {
    return new BeaconBlock(root(n), n, n == 0 ? Bytes32.ZERO : root(n - 1), payload(n), n, Instant.EPOCH);
  }
}

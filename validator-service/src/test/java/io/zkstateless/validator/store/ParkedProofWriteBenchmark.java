package io.zkstateless.validator.store;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What keeping a parked proof costs on a real PostgreSQL: one insert (and commit) of a random,
 * incompressible proof of {@code benchmark.size} bytes (300 KiB), and the delete when it leaves
 * the park. Not part of normal builds; run with:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl validator-service -am test -Dfuzz.skip=true -Dtest=ParkedProofWriteBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true [-Dbenchmark.proofs=200] [-Dbenchmark.size=307200]
 * cat validator-service/target/surefire-reports/io.zkstateless.validator.store.ParkedProofWriteBenchmark-output.txt
 * </pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ParkedProofWriteBenchmark {

  @Test
  void writeAndDeleteParkedProofs() {
    final int proofs = Integer.getInteger("benchmark.proofs", 200);
    final int size = Integer.getInteger("benchmark.size", 300 * 1024);
    try (ProvenViewFixture db = new ProvenViewFixture()) {
      final ParkedProofStore store = new ParkedProofStore(db.jdbc);
      final long[] writes = new long[proofs];
      final long[] deletes = new long[proofs];
      for (int i = 0; i < proofs; i++) {
        final byte[] data = new byte[size];
        ThreadLocalRandom.current().nextBytes(data);
        final byte[] hash = ByteBuffer.allocate(32).putInt(28, i).array();
        final ParkedProof proof =
            new ParkedProof(0, Bytes32.wrap(hash), 7, 1, 0, data, "gossip", "peer", Instant.now());
        final long started = System.nanoTime();
        final long id = store.save(proof, 1024, 64L << 20).orElseThrow();
        writes[i] = System.nanoTime() - started;
        final long deleting = System.nanoTime();
        store.delete(List.of(id));
        deletes[i] = System.nanoTime() - deleting;
      }
      System.out.printf(
          "parked proof of %d bytes, %d times: write median %.2f ms p99 %.2f ms; delete median %.2f ms p99 %.2f ms%n",
          size, proofs, ms(writes, 0.5), ms(writes, 0.99), ms(deletes, 0.5), ms(deletes, 0.99));
    }
  }

  private static double ms(final long[] nanos, final double quantile) {
    final long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
  }
}

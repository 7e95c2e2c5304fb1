package io.zkstateless.common.model.bench;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpItem;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.model.snappy.SnappyFramed;
import io.zkstateless.common.test.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A rough, JMH-free throughput check of the codecs on real data (the largest witness fixture): 20
 * warm-up and 20 timed rounds in one JVM, so it catches order-of-magnitude regressions only. Run
 * from the repository root:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl common-model -am test-compile dependency:build-classpath \
 *   -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java --enable-native-access=ALL-UNNAMED -cp common-model/target/test-classes:\
 * common-model/target/classes:$(cat common-model/target/test-classpath.txt) \
 *   io.zkstateless.common.model.bench.CodecThroughput
 * </pre>
 */
public final class CodecThroughput {

  private static final int ROUNDS = 20;

  private CodecThroughput() {}

  public static void main(final String[] args) {
    final byte[] json = Fixtures.bytes("fixtures/witness/mainnet-24628608.json.gz");
    final List<byte[]> nodes = new ArrayList<>();
    long nodeBytes = 0;
    for (final JsonNode entry :
        Fixtures.witnessFixture("mainnet-24628608").get("witness").get("state")) {
      final byte[] node = Hex.decode(entry.asString());
      nodes.add(node);
      nodeBytes += node.length;
    }
    final byte[] block = SnappyBlock.compress(json);
    final byte[] framed = SnappyFramed.compress(json);
    final int max = json.length;
    report("snappy block decompress", json.length, () -> SnappyBlock.decompress(block, max));
    report(
        "snappy framed decompress", json.length, () -> SnappyFramed.decompress(framed, max, max));
    report("snappy framed compress", json.length, () -> SnappyFramed.compress(json));
    report("keccak256", json.length, () -> Hashes.keccak256(json));
    report("sha256", json.length, () -> Hashes.sha256(json));
    report(
        "RLP decode " + nodes.size() + " trie nodes",
        nodeBytes,
        () -> nodes.forEach(RlpItem::decode));
    report(
        "keccak256 " + nodes.size() + " trie nodes",
        nodeBytes,
        () -> nodes.forEach(node -> Hashes.keccak256(node)));
  }

  private static void report(final String name, final long bytes, final Runnable work) {
    for (int i = 0; i < ROUNDS; i++) {
      work.run();
    }
    final long start = System.nanoTime();
    for (int i = 0; i < ROUNDS; i++) {
      work.run();
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-36s %8.2f ms/op %9.1f MB/s%n",
        name,
        seconds * 1000 / ROUNDS,
        bytes * ROUNDS / seconds / 1e6);
  }
}

package io.zkstateless.prover.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.kafka.ProofRecordHeaders;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.fault.ServiceProbe;
import io.zkstateless.prover.ProverApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One prover under fault test: started on its own with the addresses the test chooses (proxied or
 * not), a scripted beacon node whose chain {@code c1, c2, ...} the test grows, and a reader of
 * {@code execution-proofs} on the broker's direct listener. Holds the final check of every prover
 * fault test: each (block, proof type) published exactly once.
 */
final class ProverRig implements AutoCloseable {

  /** Two proof types proved by mock workers (0.1 s per proof). */
  static final List<String> MOCK_POOLS = List.of(
      "--prover.workers.pools.mock.count=2",
      "--prover.workers.pools.mock.mock.proving-time=PT0.1S",
      "--prover.workers.pools.mock.mock.proof-size=1024",
      "--prover.workers.pools.sp1.kind=mock",
      "--prover.workers.pools.sp1.mock.proving-time=PT0.1S",
      "--prover.workers.pools.sp1.mock.proof-size=1024");

  private final ScriptedBeaconNode beacon;
  private final KafkaConsumer<String, byte[]> proofs;
  private final ConfigurableApplicationContext context;
  private final ServiceProbe probe;
  private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

  private ProverRig(final ScriptedBeaconNode beacon, final KafkaConsumer<String, byte[]> proofs,
      final ConfigurableApplicationContext context) {
    this.beacon = beacon;
    this.proofs = proofs;
    this.context = context;
    this.probe = new ServiceProbe(((WebServerApplicationContext) context).getWebServer().getPort());
  }

  /**
   * Starts a prover on {@code jdbcUrl}, publishing to {@code proverKafka}; the test reads what it
   * published from {@code testKafka}. {@code pools} and {@code extra} are {@code --name=value}
   * arguments; {@code beaconUrl} lets a test put a proxy in front of the beacon node.
   */
  static ProverRig start(final String jdbcUrl, final String proverKafka, final String testKafka,
      final List<String> pools, final String... extra) {
    return start(jdbcUrl, proverKafka, testKafka, node -> node.url().toString(), pools, extra);
  }

  static ProverRig start(final String jdbcUrl, final String proverKafka, final String testKafka,
      final Function<ScriptedBeaconNode, String> beaconUrl, final List<String> pools, final String... extra) {
    final ScriptedBeaconNode beacon;
    try {
      beacon = new ScriptedBeaconNode(block("g", 0, null));
    } catch (final IOException e) {
      throw new IllegalStateException(e);
    }
    final KafkaConsumer<String, byte[]> proofs = reader(testKafka);
    final List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=postgres",
        "--spring.kafka.bootstrap-servers=" + proverKafka,
        "--prover.watch.url=" + beaconUrl.apply(beacon),
        "--prover.watch.reconnect-initial-backoff=PT0.05S",
        "--prover.watch.reconnect-max-backoff=PT1S",
        "--prover.admin.token=prover-admin-token-0123456789",
        "--prover.jobs.prover-id=prover-fault",
        "--prover.jobs.poll-interval=PT0.05S",
        "--prover.jobs.drop-behind-finalized=false"));
    args.addAll(pools);
    args.addAll(List.of(extra));
    try {
      return new ProverRig(beacon, proofs, new SpringApplicationBuilder(ProverApplication.class).run(args.toArray(String[]::new)));
    } catch (final RuntimeException e) {
      proofs.close();
      beacon.close();
      throw e;
    }
  }

  ServiceProbe probe() {
    return probe;
  }

  <T> T bean(final Class<T> type) {
    return context.getBean(type);
  }

  /** Adds blocks {@code c<from>..c<to>}, each the new head. */
  void chain(final int from, final int to) {
    chain(from, to, ProverRig::blockHash);
  }

  /** Adds blocks {@code c<from>..c<to>} whose execution payloads have the given hashes. */
  void chain(final int from, final int to, final IntFunction<String> executionHash) {
    for (int n = from; n <= to; n++) {
      final ScriptedBeaconNode.Block block = new ScriptedBeaconNode.Block(hex("r", "c" + n), n,
          hex("r", n == 1 ? "g" : "c" + (n - 1)), executionHash.apply(n), n);
      beacon.addBlock(block);
      beacon.setHead(block.root());
    }
  }

  /** Waits until every (block, type) of blocks {@code c1..c<blocks>} has reached Kafka. */
  void awaitProofs(final int blocks, final int types, final Duration atMost) {
    await().atMost(atMost).until(() -> {
      drain(Duration.ofMillis(200));
      return perBlockAndType().size() >= (long) types * blocks;
    });
  }

  /**
   * Waits until every (block, type) of blocks {@code c1..c<blocks>} themselves has reached Kafka:
   * unlike {@link #awaitProofs}, proofs of later blocks do not make up for a missing one.
   */
  void awaitEveryProofOf(final int blocks, final int types, final Duration atMost) {
    final Set<String> hashes =
        IntStream.rangeClosed(1, blocks).mapToObj(ProverRig::blockHash).collect(Collectors.toSet());
    await().atMost(atMost).until(() -> {
      drain(Duration.ofMillis(200));
      return perBlockAndType().keySet().stream().filter(k -> hashes.contains(k.substring(0, k.indexOf('/')))).count()
          >= (long) types * blocks;
    });
  }

  /** How many distinct (block, proof type) have reached Kafka so far (reads what is there first). */
  long publishedCount() {
    // Until a poll comes back empty: a fixed short read would lag behind and undercount.
    ConsumerRecords<String, byte[]> batch;
    do {
      batch = proofs.poll(Duration.ofMillis(50));
      batch.forEach(received::add);
    } while (!batch.isEmpty());
    return perBlockAndType().size();
  }

  /** Reads what is left (2 s, time for a duplicate to show) and checks each (block, type) came once. */
  void assertEachPublishedOnce(final int blocks, final int types) {
    drain(Duration.ofSeconds(2));
    final Map<String, Long> counts = perBlockAndType();
    assertThat(counts).hasSize(types * blocks);
    assertThat(counts.values()).as("each (block, proof type) published once: %s", counts).containsOnly(1L);
  }

  /** The execution block hash of chain block {@code c<n>}. */
  static String blockHash(final int n) {
    return hex("e", "c" + n);
  }

  private Map<String, Long> perBlockAndType() {
    return received.stream().collect(Collectors.groupingBy(
        r -> r.key() + "/" + ProofRecordHeaders.readFrom(r.headers()).proofType(), Collectors.counting()));
  }

  private void drain(final Duration time) {
    final long until = System.nanoTime() + time.toNanos();
    do {
      proofs.poll(Duration.ofMillis(100)).forEach(received::add);
    } while (System.nanoTime() < until);
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      proofs.close();
      beacon.close();
    }
  }

  static ScriptedBeaconNode.Block block(final String name, final long slot, final String parent) {
    return new ScriptedBeaconNode.Block(hex("r", name), slot,
        parent == null ? Bytes32.ZERO.toHexString() : hex("r", parent),
        parent == null ? Bytes32.ZERO.toHexString() : hex("e", name), slot);
  }

  private static String hex(final String prefix, final String name) {
    final StringBuilder hex = new StringBuilder();
    for (final byte b : (prefix + name).getBytes(StandardCharsets.US_ASCII)) {
      hex.append(String.format("%02x", b));
    }
    return "0x" + "0".repeat(64 - hex.length()) + hex;
  }

  /**
   * A consumer of {@code execution-proofs} (one partition) from the beginning. Assigned, not
   * subscribed: a group rebalance (after a broker restart) would otherwise re-seek and read every
   * record twice.
   */
  private static KafkaConsumer<String, byte[]> reader(final String bootstrap) {
    final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", bootstrap, "enable.auto.commit", false, "max.partition.fetch.bytes", 16 << 20,
        "key.deserializer", StringDeserializer.class, "value.deserializer", ByteArrayDeserializer.class));
    final List<TopicPartition> partition = List.of(new TopicPartition("execution-proofs", 0));
    consumer.assign(partition);
    consumer.seekToBeginning(partition);
    return consumer;
  }
}

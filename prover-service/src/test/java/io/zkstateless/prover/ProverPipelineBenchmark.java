package io.zkstateless.prover;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Throughput and latency of the whole prover pipeline: the {@code execution} watch source polling a
 * fixture execution client, the job table on embedded PostgreSQL, mock workers for two proof types,
 * and the Kafka publisher on an embedded KRaft broker, read back by a consumer. Not part of normal
 * builds; run with:
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl prover-service -am test -Dtest=ProverPipelineBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true \
 *     [-Dbenchmark.blocks=500] [-Dbenchmark.rate=0] [-Dbenchmark.workers=4] [-Dbenchmark.provingMillis=0]
 * cat prover-service/target/surefire-reports/io.zkstateless.prover.ProverPipelineBenchmark-output.txt
 * </pre>
 *
 * <p>Block {@code n} becomes visible to the prover when the fixture client starts serving it and
 * moves its head; it is published when the consumer has received the proofs of both types. {@code
 * rate=0} adds all blocks at once (a backlog: blocks/s is the pipeline's capacity, and latency is
 * mostly queueing, newest first); a positive rate adds that many blocks per second (latency is the
 * pipeline's own, including the 50 ms poll interval and the consumer's fetch).
 */
@EmbeddedKafka(partitions = 2, topics = "execution-proofs")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ProverPipelineBenchmark {

  private static final String TOPIC = "execution-proofs";
  private static final List<String> TYPES = List.of("mock", "sp1");

  @Test
  void blocksPerSecondAndBlockToPublishedLatency(final EmbeddedKafkaBroker kafka) {
    final int blocks = Integer.getInteger("benchmark.blocks", 500);
    final double rate = Double.parseDouble(System.getProperty("benchmark.rate", "0"));
    final int workers = Integer.getInteger("benchmark.workers", 4);
    final long provingMillis = Long.getLong("benchmark.provingMillis", 0);
    final long deadline =
        System.nanoTime() + Duration.ofSeconds(Long.getLong("benchmark.maxSeconds", 600)).toNanos();
    // Block 0 is the warm-up: a fresh prover starts at the head, so it must have taken block 0
    // before blocks 1..n appear, or it would skip them. Blocks 1..n are measured.
    final long[] visibleAt = new long[blocks + 1];
    final long[] publishedAt = new long[blocks + 1];
    final Map<String, Integer> numberByHash = new ConcurrentHashMap<>();
    final Map<Integer, Integer> typesPublished = new ConcurrentHashMap<>();
    final String database = EmbeddedPostgresSupport.newDatabase();
    try (FixtureExecutionClient el = FixtureExecutionClient.start();
        Consumer<String, byte[]> consumer = consumer(kafka)) {
      kafka.consumeFromAnEmbeddedTopic(consumer, TOPIC);
      el.serve(block(0, numberByHash));
      try (ConfigurableApplicationContext prover =
          start(kafka, database, el.url(), blocks, workers, provingMillis)) {
        int done = 0;
        while (publishedAt[0] == 0) {
          done += receive(consumer, numberByHash, typesPublished, publishedAt, deadline);
        }
        final long start = System.nanoTime();
        int added = 1;
        while (done < blocks + 1) {
          final int due =
              rate <= 0
                  ? blocks
                  : (int) Math.min(blocks, 1 + (System.nanoTime() - start) / 1e9 * rate);
          for (; added <= due; added++) {
            visibleAt[added] = System.nanoTime();
            el.serve(block(added, numberByHash));
          }
          done += receive(consumer, numberByHash, typesPublished, publishedAt, deadline);
        }
        report(blocks, rate, workers, provingMillis, visibleAt, publishedAt);
      }
    }
  }

  /** Takes what the topic has; how many blocks got the proofs of every type with it. */
  private static int receive(
      final Consumer<String, byte[]> consumer,
      final Map<String, Integer> numberByHash,
      final Map<Integer, Integer> typesPublished,
      final long[] publishedAt,
      final long deadline) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "only " + typesPublished.size() + " blocks had proofs before the deadline");
    }
    int completed = 0;
    for (final ConsumerRecord<String, byte[]> record :
        KafkaTestUtils.getRecords(consumer, Duration.ofMillis(20))) {
      final int number = numberByHash.get(record.key());
      if (typesPublished.merge(number, 1, Integer::sum) == TYPES.size()) {
        publishedAt[number] = System.nanoTime();
        completed++;
      }
    }
    return completed;
  }

  private static void report(
      final int blocks,
      final double rate,
      final int workers,
      final long provingMillis,
      final long[] visibleAt,
      final long[] publishedAt) {
    final double[] latencyMs = new double[blocks];
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 1; i <= blocks; i++) {
      latencyMs[i - 1] = (publishedAt[i] - visibleAt[i]) / 1e6;
      first = Math.min(first, visibleAt[i]);
      last = Math.max(last, publishedAt[i]);
    }
    Arrays.sort(latencyMs);
    final double seconds = (last - first) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "pipeline: %d blocks x %d proof types, rate %s, %d mock workers per type, proving %d ms%n"
            + "  %.1f blocks/s (%.1f proofs/s) over %.2f s%n"
            + "  block-to-published latency: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
        blocks,
        TYPES.size(),
        rate <= 0 ? "burst" : rate + "/s",
        workers,
        provingMillis,
        blocks / seconds,
        blocks * TYPES.size() / seconds,
        seconds,
        percentile(latencyMs, 0.50),
        percentile(latencyMs, 0.99),
        latencyMs[blocks - 1]);
  }

  private static double percentile(final double[] sorted, final double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }

  private static FixtureBlock block(final int number, final Map<String, Integer> numberByHash) {
    final byte[] hash = new byte[32];
    hash[0] = (byte) 0xbe;
    hash[28] = (byte) (number >>> 24);
    hash[29] = (byte) (number >>> 16);
    hash[30] = (byte) (number >>> 8);
    hash[31] = (byte) number;
    final String hex = Bytes32.wrap(hash).toHexString();
    numberByHash.put(hex, number);
    return FixtureBlock.streamed(hex, number, out -> out.write("{}".getBytes()));
  }

  private static ConfigurableApplicationContext start(
      final EmbeddedKafkaBroker kafka,
      final String database,
      final String elUrl,
      final int blocks,
      final int workers,
      final long provingMillis) {
    final List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres",
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--prover.execution-client.url=" + elUrl,
                "--prover.watch.source=execution",
                "--prover.watch.poll-interval=PT0.05S",
                "--prover.watch.max-backfill-blocks=" + blocks,
                "--prover.jobs.prover-id=prover-bench",
                "--prover.jobs.poll-interval=PT0.05S",
                "--prover.jobs.queue-capacity=" + blocks,
                "--prover.jobs.drop-behind-finalized=false",
                "--logging.level.root=WARN"));
    for (final String type : TYPES) {
      final String pool = "--prover.workers.pools." + type;
      args.add(pool + ".kind=mock");
      args.add(pool + ".count=" + workers);
      args.add(pool + ".mock.proving-time=PT" + provingMillis / 1000.0 + "S");
      args.add(pool + ".mock.proof-size=1024");
    }
    return new SpringApplicationBuilder(ProverApplication.class).run(args.toArray(String[]::new));
  }

  private static Consumer<String, byte[]> consumer(final EmbeddedKafkaBroker kafka) {
    final Map<String, Object> props =
        KafkaTestUtils.consumerProps(kafka, "bench-" + System.nanoTime(), true);
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", StringDeserializer.class);
    props.put("value.deserializer", ByteArrayDeserializer.class);
    return new DefaultKafkaConsumerFactory<String, byte[]>(props).createConsumer();
  }
}

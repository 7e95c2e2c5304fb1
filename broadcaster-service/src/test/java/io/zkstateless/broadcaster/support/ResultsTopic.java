package io.zkstateless.broadcaster.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code broadcast-results} from the beginning, for assertions; used from the test thread
 * only.
 */
public final class ResultsTopic implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KafkaConsumer<String, String> consumer;
  private final List<JsonNode> seen = new ArrayList<>();

  public ResultsTopic(final String bootstrapServers, final String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer());
    final TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  /** Waits for a result of the block that matches; fails after {@code timeout}. */
  public JsonNode await(
      final String blockHash, final Predicate<JsonNode> matches, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (final JsonNode node : seen) {
        if (node.path("block_hash").asString().equals(blockHash) && matches.test(node)) {
          return node;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no matching result for "
                + blockHash
                + " within "
                + timeout
                + "; seen "
                + of(blockHash));
      }
      for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
        seen.add(JSON.readTree(record.value()));
      }
    }
  }

  public JsonNode await(final String blockHash, final Duration timeout) {
    return await(blockHash, node -> true, timeout);
  }

  /** Every result of the block read so far. */
  public List<JsonNode> of(final String blockHash) {
    return seen.stream().filter(n -> n.path("block_hash").asString().equals(blockHash)).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}

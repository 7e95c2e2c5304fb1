package io.zkstateless.e2e.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a topic from the beginning with a consumer of its own group, keeping what it has read. */
public final class TopicReader implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Consumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

  public TopicReader(final EmbeddedKafkaBroker kafka, final String topic) {
    this(kafka.getBrokersAsString(), topic);
  }

  public TopicReader(final String bootstrapServers, final String topic) {
    final Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", "e2e-reader-" + System.nanoTime());
    props.put("enable.auto.commit", false);
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", StringDeserializer.class);
    props.put("value.deserializer", ByteArrayDeserializer.class);
    props.put("max.partition.fetch.bytes", 8 * 1024 * 1024);
    this.consumer = new DefaultKafkaConsumerFactory<String, byte[]>(props).createConsumer();
    // Subscribed, not taken from the embedded broker's list: retry topics are created by the
    // broadcaster.
    consumer.subscribe(List.of(topic));
  }

  /** Everything read so far, after one more poll. */
  public List<ConsumerRecord<String, byte[]>> poll(final Duration timeout) {
    KafkaTestUtils.getRecords(consumer, timeout).forEach(records::add);
    return List.copyOf(records);
  }

  /** The values read so far as JSON, after one more poll (for {@code broadcast-results}). */
  public List<JsonNode> pollJson(final Duration timeout) {
    return poll(timeout).stream()
        .map(r -> JSON.readTree(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)))
        .toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}

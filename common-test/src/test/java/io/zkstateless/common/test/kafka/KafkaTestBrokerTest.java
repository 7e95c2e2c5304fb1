package io.zkstateless.common.test.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The broker the Kafka fault tests run on: proxied listener, cut, restart on the same data. */
class KafkaTestBrokerTest {

  @Test
  void servesThroughTheProxyAndKeepsRecordsAcrossARestart() throws Exception {
    try (KafkaTestBroker broker = KafkaTestBroker.start("t")) {
      send(broker.proxiedBootstrapServers(), "through-proxy");
      assertThat(broker.link().acceptedConnections()).as("the proxied client used the proxy").isPositive();

      broker.link().cut();
      assertThatThrownBy(() -> send(broker.proxiedBootstrapServers(), "lost"))
          .as("a cut link stops the service's client").isInstanceOf(Exception.class);
      send(broker.bootstrapServers(), "direct");
      broker.link().restore();

      broker.restart();
      send(broker.proxiedBootstrapServers(), "after-restart");
      assertThat(readAll(broker.bootstrapServers())).containsSubsequence("through-proxy", "direct", "after-restart");
    }
  }

  private static void send(final String bootstrap, final String value) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", bootstrap, "max.block.ms", 3000, "delivery.timeout.ms", 4000, "request.timeout.ms", 3000,
        "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class))) {
      producer.send(new ProducerRecord<>("t", value)).get(10, TimeUnit.SECONDS);
    } catch (final ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static List<String> readAll(final String bootstrap) {
    final List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", bootstrap, "group.id", "reader", "auto.offset.reset", "earliest",
        "key.deserializer", StringDeserializer.class, "value.deserializer", StringDeserializer.class))) {
      consumer.subscribe(List.of("t"));
      final long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (values.size() < 3 && System.nanoTime() < until) {
        for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}

package io.zkstateless.devnet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one process),
 * run from the Maven-resolved {@code kafka_2.13} jars: the storage is formatted with Kafka's own
 * storage tool, then {@code kafka.Kafka} is started as a child process.
 */
public final class KafkaBroker {

  /** Proofs are up to 4 MiB of data plus the SSZ container; witness proofs come close. */
  private static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024 + 65_536;

  private static final List<String> TOPICS =
      List.of("execution-proofs", "broadcast-results", "proven-blocks");

  private final Path dir;
  private final int port;
  private final int controllerPort;

  public KafkaBroker(final Path dir, final int port, final int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Writes the configuration, formats the storage and starts the broker. */
  public void start(final ProcessSupervisor supervisor, final JavaCommand java) throws IOException {
    Files.createDirectories(dir);
    final Path config = dir.resolve("server.properties");
    Files.writeString(config, serverProperties());
    final Path log = dir.resolve("kafka.log");
    final List<String> format = new ArrayList<>(java.command("kafka-format", 128));
    format.addAll(
        List.of(
            "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", config.toString()));
    final Process formatting = supervisor.startOneShot("kafka-storage-format", format, log);
    try {
      if (!formatting.waitFor(120, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
        throw new IllegalStateException("Formatting the Kafka storage failed; see " + log);
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while formatting the Kafka storage", e);
    }
    final List<String> broker = new ArrayList<>(java.command("kafka", 256));
    broker.addAll(List.of("-Ddevnet.log.level=INFO", "kafka.Kafka", config.toString()));
    supervisor.start("kafka", broker, Map.of(), log);
  }

  /** Waits until the broker answers, then creates the devnet's topics. */
  public void awaitReadyAndCreateTopics(final Duration timeout) {
    final Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      for (final String topic : TOPICS) {
        try {
          admin
              .createTopics(
                  List.of(
                      new NewTopic(topic, 1, (short) 1)
                          .configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES)))))
              .all()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (final Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(
          "Kafka at " + bootstrapServers() + " did not come up; see " + dir.resolve("kafka.log"), e);
    }
  }

  private String serverProperties() {
    final String controller = "127.0.0.1:" + controllerPort;
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@" + controller,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=true",
        "message.max.bytes=" + MAX_MESSAGE_BYTES,
        "replica.fetch.max.bytes=" + MAX_MESSAGE_BYTES,
        "num.network.threads=2",
        "num.io.threads=2",
        "background.threads=2",
        "log.retention.hours=1",
        "log.segment.bytes=67108864",
        "")
        + "\n";
  }

  /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (22 characters). */
  private static String clusterId() {
    final UUID uuid = UUID.randomUUID();
    final ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }
}

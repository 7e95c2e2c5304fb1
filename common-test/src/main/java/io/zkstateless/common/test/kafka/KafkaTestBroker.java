package io.zkstateless.common.test.kafka;

import io.zkstateless.common.test.fault.FaultProxy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one), in process, that a fault
 * test can put behind a {@link FaultProxy} and restart.
 *
 * <p>A proxy in front of Kafka only works if the broker <em>advertises</em> the proxy's address:
 * clients bootstrap, then connect to the advertised listener, and would bypass a proxy that only
 * sits in front of the bootstrap address. So the broker has two client listeners on fixed ports:
 * {@code DIRECT}, advertised as itself, for the test's own producers and consumers, and {@code
 * PROXIED}, advertised as the {@link #link() proxy}'s port, for the service under test. Cutting the
 * link cuts the service off and nothing else.
 *
 * <p>{@link #restart()} stops the broker and starts it again on the same ports and data directory,
 * as an operator's rolling restart would; committed records and offsets survive it.
 */
public final class KafkaTestBroker implements AutoCloseable {

  private final Path dir;
  private final int directPort;
  private final int controllerPort;
  private final FaultProxy link;
  private final KafkaConfig config;
  private KafkaRaftServer server;

  private KafkaTestBroker(final Path dir) throws IOException {
    this.dir = dir;
    final int proxiedPort = freePort();
    this.directPort = freePort();
    this.controllerPort = freePort();
    this.link = FaultProxy.to("127.0.0.1", proxiedPort);
    final Path file = dir.resolve("server.properties");
    final Properties props = properties(proxiedPort);
    try (var out = Files.newOutputStream(file)) {
      props.store(out, "KafkaTestBroker");
    }
    this.config = KafkaConfig.fromProps(props, false);
    format(file);
  }

  /** Formats a fresh data directory, starts the broker and creates {@code topics} (1 partition each). */
  public static KafkaTestBroker start(final String... topics) {
    // A broker that hits a fatal error must fail the test, not exit the test JVM.
    Exit.setExitProcedure((code, message) -> {
      throw new IllegalStateException("Kafka asked to exit(" + code + "): " + message);
    });
    Exit.setHaltProcedure((code, message) -> {
      throw new IllegalStateException("Kafka asked to halt(" + code + "): " + message);
    });
    try {
      final KafkaTestBroker broker = new KafkaTestBroker(Files.createTempDirectory("kafka-test-broker"));
      broker.startServer();
      broker.createTopics(topics);
      return broker;
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot start the test Kafka broker", e);
    }
  }

  /** For the test's own clients: never goes through the fault proxy. */
  public String bootstrapServers() {
    return "127.0.0.1:" + directPort;
  }

  /** For the service under test: every connection, bootstrap and advertised, goes through {@link #link()}. */
  public String proxiedBootstrapServers() {
    return link.hostAndPort();
  }

  /** The fault proxy between the service under test and the broker. */
  public FaultProxy link() {
    return link;
  }

  /** Stops the broker (clean shutdown, as on SIGTERM) and starts it again on the same ports and data. */
  public synchronized void restart() {
    stop();
    startServer();
  }

  /** Stops the broker; {@link #startAgain()} brings it back on the same ports and data. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts a stopped broker again. */
  public synchronized void startAgain() {
    startServer();
  }

  @Override
  public synchronized void close() {
    stop();
    link.close();
    deleteQuietly(dir);
  }

  private synchronized void startServer() {
    if (server == null) {
      server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
    }
  }

  private void createTopics(final String... topics) {
    final List<NewTopic> newTopics = new ArrayList<>();
    for (final String topic : topics) {
      newTopics.add(new NewTopic(topic, 1, (short) 1));
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(newTopics).all().get(60, TimeUnit.SECONDS);
    } catch (final Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Cannot create topics " + List.of(topics), e);
    }
  }

  private Properties properties(final int proxiedPort) {
    final String controller = "127.0.0.1:" + controllerPort;
    final Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@" + controller);
    props.put("listeners", "DIRECT://127.0.0.1:" + directPort + ",PROXIED://127.0.0.1:" + proxiedPort
        + ",CONTROLLER://" + controller);
    props.put("advertised.listeners", "DIRECT://127.0.0.1:" + directPort + "," + "PROXIED://" + link.hostAndPort());
    props.put("listener.security.protocol.map", "DIRECT:PLAINTEXT,PROXIED:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "DIRECT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("log.dirs", dir.resolve("data").toString());
    props.put("num.partitions", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "true");
    props.put("message.max.bytes", String.valueOf(8 * 1024 * 1024 + 65_536));
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    props.put("background.threads", "2");
    // Shut down in seconds rather than after a controlled-shutdown dance with no one to hand over to.
    props.put("controlled.shutdown.enable", "false");
    return props;
  }

  private static void format(final Path configFile) {
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final String clusterId = Uuid.randomUuid().toString();
    final int code;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", configFile.toString()}, out);
    }
    if (code != 0) {
      throw new IllegalStateException("Formatting the Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void deleteQuietly(final Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (final IOException e) {
      // A temporary directory; the OS cleans it eventually.
    }
  }

  @Override
  public String toString() {
    return "KafkaTestBroker[" + bootstrapServers() + ", service via " + proxiedBootstrapServers()
        + ", dir " + dir + "]";
  }
}

package io.zkstateless.validator.reliability;

import static io.zkstateless.validator.reliability.Reliability.payload;
import static io.zkstateless.validator.reliability.Reliability.root;
import static io.zkstateless.validator.reliability.Reliability.sendProof;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.fault.ServiceProbe;
import io.zkstateless.validator.ValidatorApplication;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One validator under fault test: started on its own (not through the test context cache, so a
 * test chooses every dependency address, proxied or not), with a scripted beacon node whose blocks
 * {@code 1..n} the test adds one by one with their proofs. Holds the checks every fault test ends
 * with: each proof stored exactly once and each block proven.
 */
final class ValidatorRig implements AutoCloseable {

  private final ScriptedBeaconNode beacon;
  private final ConfigurableApplicationContext context;
  private final ServiceProbe probe;

  private ValidatorRig(final ScriptedBeaconNode beacon, final ConfigurableApplicationContext context) {
    this.beacon = beacon;
    this.context = context;
    this.probe = new ServiceProbe(((WebServerApplicationContext) context).getWebServer().getPort());
  }

  /**
   * Starts a validator on {@code jdbcUrl} and {@code kafka} (bootstrap servers), following a new
   * scripted beacon node (reached at {@code beaconUrl.apply(node)}, so a test can put a proxy in
   * front), with the given extra {@code --name=value} arguments.
   */
  static ValidatorRig start(final String jdbcUrl, final String kafka,
      final Function<ScriptedBeaconNode, String> beaconUrl, final String... extra) throws Exception {
    final ScriptedBeaconNode beacon =
        new ScriptedBeaconNode(new ScriptedBeaconNode.Block(root(0), 0, Bytes32.ZERO.toHexString(), payload(0), 0));
    final List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=postgres",
        "--spring.kafka.bootstrap-servers=" + kafka,
        "--validator.beacon.url=" + beaconUrl.apply(beacon),
        "--validator.p2p.fork-digest=0xbfe0d3f4",
        "--validator.p2p.listen-address=127.0.0.1",
        "--validator.p2p.listen-port=0"));
    args.addAll(List.of(extra));
    try {
      return new ValidatorRig(beacon, new SpringApplicationBuilder(ValidatorApplication.class).run(args.toArray(String[]::new)));
    } catch (final RuntimeException e) {
      beacon.close();
      throw e;
    }
  }

  static ValidatorRig start(final String jdbcUrl, final String kafka, final String... extra) throws Exception {
    return start(jdbcUrl, kafka, node -> node.url().toString(), extra);
  }

  ServiceProbe probe() {
    return probe;
  }

  ScriptedBeaconNode beacon() {
    return beacon;
  }

  <T> T bean(final Class<T> type) {
    return context.getBean(type);
  }

  /** Block {@code n} becomes the head and its proof goes to {@code execution-proofs}. */
  void addBlockAndProof(final Producer<String, byte[]> producer, final int n) {
    addBlock(n);
    sendProof(producer, n);
  }

  void addBlock(final int n) {
    beacon.addBlock(new ScriptedBeaconNode.Block(root(n), n, root(n - 1), payload(n), 100 + n));
    beacon.setHead(root(n));
  }

  long provenSlot() {
    return bean(ProvenChainService.class).heads().map(h -> h.provenHead().slot()).orElse(-1L);
  }

  /** Every block {@code 1..blocks} proven, with exactly one stored proof each, and no other proof. */
  void assertEveryBlockProvenOnce(final int blocks) {
    assertBlocksProvenOnce(1, blocks);
  }

  /** Blocks {@code from..to} proven with exactly one stored proof each, and {@code to} proofs in all. */
  void assertBlocksProvenOnce(final int from, final int to) {
    final JdbcClient jdbc = bean(JdbcClient.class);
    for (int n = from; n <= to; n++) {
      assertThat(jdbc.sql("SELECT count(*) FROM execution_proof WHERE block_hash = ?")
          .param(Bytes32.fromHex(payload(n)).toArray()).query(Long.class).single())
          .as("proofs stored for block %d", n).isEqualTo(1);
      assertThat(probe.get("/api/v1/blocks/" + root(n))).as("block %d", n).contains("\"proven\":true");
    }
    assertThat(jdbc.sql("SELECT count(*) FROM execution_proof").query(Long.class).single()).isEqualTo(to);
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      beacon.close();
    }
  }
}

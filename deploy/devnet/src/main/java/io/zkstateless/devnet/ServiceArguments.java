package io.zkstateless.devnet;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --key=value} arguments the devnet gives each service, on top of the service's own
 * {@code application.yaml}. Everything listens on 127.0.0.1.
 *
 * @param options the devnet's options
 * @param kafka Kafka bootstrap servers
 * @param proverDb JDBC URL of the prover's database
 * @param validatorDb JDBC URL of the validator's database
 * @param beaconUrl the beacon node
 * @param executionUrl the execution client
 * @param slotsPerEpoch the chain's {@code SLOTS_PER_EPOCH} (32 simulated, 8 for Lodestar's minimal
 *     preset), for the prover's finalized slot
 * @param validatorKeyFile the validator's libp2p node key
 * @param validatorPeer the validator's multiaddr with {@code /p2p/<peer id>}, for the broadcaster
 * @param adminToken bearer token of the services' admin endpoints
 */
public record ServiceArguments(
    DevnetOptions options,
    String kafka,
    String proverDb,
    String validatorDb,
    String beaconUrl,
    String executionUrl,
    int slotsPerEpoch,
    String validatorKeyFile,
    String validatorPeer,
    String adminToken) {

  /** Both sides' topics; any 4 bytes would do, this is the one the end-to-end test uses. */
  public static final String FORK_DIGEST = "0xbfe0d3f4";

  /** Proofs would reach the validator through Kafka too; this topic has no producer. */
  private static final String UNUSED_TOPIC = "devnet-validator-local-proofs-off";

  public List<String> validator() {
    final List<String> args = new ArrayList<>(common("validator-port"));
    args.add("--spring.datasource.url=" + validatorDb);
    args.add("--spring.datasource.username=postgres");
    if (!options.localKafkaPath()) {
      args.add("--validator.kafka.proofs-topic=" + UNUSED_TOPIC);
    }
    args.add("--validator.beacon.url=" + beaconUrl);
    args.add("--validator.beacon.reconnect-initial-backoff=PT0.2S");
    args.add("--validator.beacon.reconnect-max-backoff=PT2S");
    args.add("--validator.p2p.fork-digest=" + FORK_DIGEST);
    args.add("--validator.p2p.listen-address=127.0.0.1");
    args.add("--validator.p2p.listen-port=" + options.port("validator-p2p-port"));
    args.add("--validator.p2p.identity-key-file=" + validatorKeyFile);
    args.add("--validator.admin.token=" + adminToken);
    for (final String type : options.proofTypes()) {
      args.add("--validator.ingest.verifiers." + type + "=" + type);
    }
    args.add("--zk.stateless-min-proofs-required=" + options.minProofs());
    return args;
  }

  public List<String> broadcaster() {
    final List<String> args = new ArrayList<>(common("broadcaster-port"));
    args.add("--broadcaster.fork-digest=" + FORK_DIGEST);
    args.add("--broadcaster.p2p.listen-address=127.0.0.1");
    args.add("--broadcaster.p2p.listen-port=" + options.port("broadcaster-p2p-port"));
    args.add("--broadcaster.p2p.static-peers=" + validatorPeer);
    args.add("--broadcaster.admin.token=" + adminToken);
    return args;
  }

  public List<String> prover() {
    final List<String> args = new ArrayList<>(common("prover-port"));
    args.add("--spring.datasource.url=" + proverDb);
    args.add("--spring.datasource.username=postgres");
    args.add("--prover.execution-client.url=" + executionUrl);
    args.add("--prover.watch.url=" + beaconUrl);
    args.add("--prover.watch.reconnect-initial-backoff=PT0.2S");
    args.add("--prover.watch.reconnect-max-backoff=PT2S");
    args.add("--prover.watch.slots-per-epoch=" + slotsPerEpoch);
    args.add("--prover.jobs.prover-id=devnet-prover-1");
    args.add("--prover.admin.token=" + adminToken);
    for (final String type : options.proofTypes()) {
      final String pool = "--prover.workers.pools." + type;
      args.add(pool + ".kind=" + type);
      args.add(pool + ".count=1");
      if (type.equals("mock")) {
        args.add(pool + ".mock.proving-time=PT" + options.mockProvingTime().toMillis() / 1000.0 + "S");
        args.add(pool + ".mock.proof-size=4096");
      }
    }
    return args;
  }

  private List<String> common(final String portName) {
    final List<String> args = new ArrayList<>();
    args.add("--server.port=" + options.port(portName));
    args.add("--server.address=127.0.0.1");
    args.add("--spring.kafka.bootstrap-servers=" + kafka);
    return args;
  }
}

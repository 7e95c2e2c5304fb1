package io.zkstateless.e2e.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line properties of the three services for a test topology: loopback p2p on the fixed
 * fork digest, mock verifiers, and the validator's Kafka proofs topic renamed to one nobody writes
 * to, so that a proof can reach it only through gossip. Each returns a mutable list to extend.
 */
public final class ServiceArgs {

  public static final String FORK_DIGEST = "0xbfe0d3f4";
  /** Nothing writes here. */
  public static final String UNUSED_TOPIC = "validator-unused";

  private ServiceArgs() {}

  /** The validator, with a mock verifier for each of {@code proofTypes} (names) required. */
  public static List<String> validator(
      final String kafka,
      final String database,
      final URI beacon,
      final Map<String, Integer> proofTypes) {
    final List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres",
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--validator.kafka.proofs-topic=" + UNUSED_TOPIC,
                "--validator.beacon.url=" + beacon,
                "--validator.p2p.fork-digest=" + FORK_DIGEST,
                "--validator.p2p.listen-address=127.0.0.1",
                "--validator.p2p.listen-port=0",
                "--zk.stateless-min-proofs-required=" + proofTypes.size()));
    proofTypes.keySet().forEach(t -> args.add("--validator.ingest.verifiers." + t + "=mock"));
    return args;
  }

  /** The broadcaster as a Spring context in this JVM (the classpath has no database for it). */
  public static List<String> broadcasterInJvm(final String kafka, final List<String> staticPeers) {
    final List<String> args = broadcaster(kafka, staticPeers);
    args.add(
        "--spring.autoconfigure.exclude="
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
    return args;
  }

  /** The broadcaster on an ephemeral loopback port, dialling {@code staticPeers}. */
  public static List<String> broadcaster(final String kafka, final List<String> staticPeers) {
    final List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--spring.kafka.listener.poll-timeout=300ms",
                "--broadcaster.fork-digest=" + FORK_DIGEST,
                "--broadcaster.p2p.listen-address=127.0.0.1",
                "--broadcaster.p2p.listen-port=0"));
    if (!staticPeers.isEmpty()) {
      args.add("--broadcaster.p2p.static-peers=" + String.join(",", staticPeers));
    }
    return args;
  }

  /** The prover on mock pools "mock" (2 workers) and "sp1" (1 worker), 50 ms per proof. */
  public static List<String> prover(
      final String kafka, final String database, final String executionClient, final URI beacon) {
    return new ArrayList<>(
        List.of(
            "--server.port=0",
            "--spring.datasource.url=" + database,
            "--spring.datasource.username=postgres",
            "--spring.kafka.bootstrap-servers=" + kafka,
            "--prover.execution-client.url=" + executionClient,
            "--prover.watch.url=" + beacon,
            "--prover.watch.reconnect-initial-backoff=PT0.05S",
            "--prover.watch.reconnect-max-backoff=PT0.2S",
            "--prover.jobs.prover-id=prover-e2e",
            "--prover.jobs.poll-interval=PT0.05S",
            "--prover.jobs.drop-behind-finalized=false",
            "--prover.workers.pools.mock.count=2",
            "--prover.workers.pools.mock.mock.proving-time=PT0.05S",
            "--prover.workers.pools.mock.mock.proof-size=2048",
            "--prover.workers.pools.sp1.kind=mock",
            "--prover.workers.pools.sp1.mock.proving-time=PT0.05S",
            "--prover.workers.pools.sp1.mock.proof-size=1024",
            "--zk.generate-execution-proofs=true",
            "--zk.stateless-validation=false"));
  }
}

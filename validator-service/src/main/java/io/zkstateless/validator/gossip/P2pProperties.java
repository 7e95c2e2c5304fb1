package io.zkstateless.validator.gossip;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code validator.p2p.*}: the libp2p node that receives execution proofs from gossip. It runs
 * whenever {@code zk.stateless-validation} is on and then needs {@code fork-digest}.
 *
 * @param forkDigest 4-byte fork digest of the topics, e.g. {@code 0xbfe0d3f4}
 * @param listenAddress interface to listen on
 * @param listenPort TCP port (0 picks a free one)
 * @param identityKeyFile secp256k1 private key file (hex, 0600); absent means a fresh key each
 *     start
 * @param staticPeers multiaddrs ending in {@code /p2p/<peer id>}, dialled and re-dialled with
 *     backoff
 * @param rejectThreshold REJECTed messages from one peer within {@code rejectWindow} that get it
 *     disconnected
 * @param rejectWindow the window of {@code rejectThreshold}
 * @param validationThreads threads running the ingestion pipeline for gossip messages
 * @param validationQueue gossip messages waiting for a thread. The node stops reading from its
 *     peers once a quarter of threads plus queue await a verdict, and resumes at an eighth; a
 *     message that still finds the queue full is left unvalidated and forgotten, so a later copy
 *     gets in
 * @param validationBacklog bytes of received gossip messages awaiting a verdict at which the node
 *     also stops reading from its peers (resuming at half of it)
 */
@Validated
@ConfigurationProperties("validator.p2p")
public record P2pProperties(
    String forkDigest,
    @DefaultValue("0.0.0.0") @NotBlank String listenAddress,
    @DefaultValue("9000") @Min(0) @Max(65535) int listenPort,
    Path identityKeyFile,
    @DefaultValue List<String> staticPeers,
    @DefaultValue("16") @Min(1) @Max(1_000_000) int rejectThreshold,
    @DefaultValue("PT1M") Duration rejectWindow,
    @DefaultValue("2") @Min(1) @Max(64) int validationThreads,
    @DefaultValue("256") @Min(1) @Max(65_536) int validationQueue,
    @DefaultValue("64MB") DataSize validationBacklog) {

  public P2pProperties {
    staticPeers = List.copyOf(staticPeers);
    if (forkDigest != null && !forkDigest.isBlank() && !forkDigest.matches("(0x)?[0-9a-fA-F]{8}")) {
      throw new IllegalArgumentException(
          "validator.p2p.fork-digest must be 4 bytes of hex, e.g. 0xbfe0d3f4: '"
              + forkDigest
              + "'");
    }
    for (final String peer : staticPeers) {
      if (!peer.startsWith("/") || !peer.contains("/p2p/")) {
        throw new IllegalArgumentException(
            "validator.p2p.static-peers: '"
                + peer
                + "' is not a multiaddr ending in /p2p/<peer id>");
      }
    }
    if (validationBacklog.toBytes() < 2) {
      throw new IllegalArgumentException("validator.p2p.validation-backlog must be at least 2 bytes");
    }
    if (rejectWindow == null || rejectWindow.isNegative() || rejectWindow.isZero()) {
      throw new IllegalArgumentException("validator.p2p.reject-window must be positive");
    }
  }

  /** The fork digest as topics write it (8 lower-case hex digits); fails if it is not set. */
  public String forkDigestHex() {
    if (forkDigest == null || forkDigest.isBlank()) {
      throw new IllegalStateException(
          "validator.p2p.fork-digest is required while zk.stateless-validation is on");
    }
    return forkDigest.replaceFirst("^0x", "").toLowerCase(java.util.Locale.ROOT);
  }
}

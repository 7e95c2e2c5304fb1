package io.zkstateless.validator.gossip;

import io.zkstateless.common.p2p.gossip.GossipRateLimit;
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
 * whenever {@code zk.stateless-validation} is on, on the fork digest of {@code fork-digest} or, if
 * that is not set, of the beacon node's fork schedule.
 *
 * @param forkDigest 4-byte fork digest of the topics, e.g. {@code 0xbfe0d3f4}; when set, it is used
 *     for good and the beacon node's schedule is not read
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
 * @param forkSubscribeEpochsBefore with the beacon node's schedule: join a fork's topics this many
 *     epochs before its epoch (eth2 clients use 1 or 2)
 * @param forkUnsubscribeEpochsAfter leave the previous fork's topics this many epochs after it
 * @param forkCheckInterval how often the digests of the moment are compared with the subscriptions
 * @param rateLimit {@code validator.p2p.rate-limit.*}: how fast one peer may send gossip messages
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
    @DefaultValue("64MB") DataSize validationBacklog,
    @DefaultValue("2") @Min(0) @Max(1024) int forkSubscribeEpochsBefore,
    @DefaultValue("2") @Min(0) @Max(1024) int forkUnsubscribeEpochsAfter,
    @DefaultValue("PT6S") Duration forkCheckInterval,
    @DefaultValue RateLimit rateLimit) {

  /**
   * How fast one peer may send us gossip messages (common-p2p's {@link GossipRateLimit}): beyond
   * it messages are dropped unvalidated, each a behaviour penalty, so a flooding peer ends
   * graylisted and disconnected. The defaults are about 100 times honest proof traffic; the byte
   * burst must hold the largest gossip message (the node refuses to start otherwise).
   */
  public record RateLimit(
      @DefaultValue("500") double messagesPerSecond,
      @DefaultValue("1000") double messageBurst,
      @DefaultValue("32MB") DataSize bytesPerSecond,
      @DefaultValue("64MB") DataSize byteBurst) {

    public static final RateLimit DEFAULT =
        new RateLimit(500, 1000, DataSize.ofMegabytes(32), DataSize.ofMegabytes(64));

    public RateLimit {
      if (!(messagesPerSecond > 0) || !(messageBurst >= 1)) {
        throw new IllegalArgumentException(
            "validator.p2p.rate-limit: messages-per-second must be positive and message-burst at"
                + " least 1");
      }
      if (bytesPerSecond.toBytes() < 1 || byteBurst.toBytes() < 1) {
        throw new IllegalArgumentException(
            "validator.p2p.rate-limit: bytes-per-second and byte-burst must be positive");
      }
    }

    public GossipRateLimit toGossipRateLimit() {
      return new GossipRateLimit(
          messagesPerSecond, messageBurst, bytesPerSecond.toBytes(), byteBurst.toBytes());
    }
  }

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
    if (forkCheckInterval == null || forkCheckInterval.toMillis() < 100) {
      throw new IllegalArgumentException("validator.p2p.fork-check-interval must be at least 100ms");
    }
  }

  /** The configured fork digest as topics write it (8 lower-case hex digits); fails if unset. */
  public String forkDigestHex() {
    if (forkDigest == null || forkDigest.isBlank()) {
      throw new IllegalStateException(
          "validator.p2p.fork-digest is required to read it (else it comes from the beacon node)");
    }
    return forkDigest.replaceFirst("^0x", "").toLowerCase(java.util.Locale.ROOT);
  }
}

package io.zkstateless.common.p2p.eth2;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An eth2 gossip topic {@code /eth2/<fork_digest>/<name>/ssz_snappy}: the fork digest as 8
 * lower-case hex digits without {@code 0x}, the name as the spec writes it (for example {@code
 * execution_proof_3}).
 */
public record GossipTopic(String forkDigestHex, String name) {

  public static final String EXECUTION_PROOF_PREFIX = "execution_proof_";
  private static final Pattern TOPIC =
      Pattern.compile("/eth2/([0-9a-f]{8})/([a-z0-9_]{1,64})/ssz_snappy");

  public GossipTopic {
    if (!forkDigestHex.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("Fork digest must be 8 lower-case hex digits: " + forkDigestHex);
    }
    if (!name.matches("[a-z0-9_]{1,64}")) {
      throw new IllegalArgumentException("Invalid topic name: " + name);
    }
  }

  public static GossipTopic executionProof(final byte[] forkDigest, final int subnetId) {
    if (subnetId < 0) {
      throw new IllegalArgumentException("Negative subnet id " + subnetId);
    }
    return new GossipTopic(HexFormat.of().formatHex(forkDigest), EXECUTION_PROOF_PREFIX + subnetId);
  }

  /** Parses a topic string; anything not of the eth2 ssz_snappy shape is empty. */
  public static Optional<GossipTopic> parse(final String topic) {
    final Matcher m = TOPIC.matcher(topic);
    return m.matches() ? Optional.of(new GossipTopic(m.group(1), m.group(2))) : Optional.empty();
  }

  /** The subnet of an {@code execution_proof_<n>} topic (decimal, no padding), if it is one. */
  public Optional<Integer> executionProofSubnet() {
    if (!name.startsWith(EXECUTION_PROOF_PREFIX)) {
      return Optional.empty();
    }
    final String digits = name.substring(EXECUTION_PROOF_PREFIX.length());
    if (!digits.matches("0|[1-9][0-9]{0,8}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(digits));
  }

  @Override
  public String toString() {
    return "/eth2/" + forkDigestHex + "/" + name + "/ssz_snappy";
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.Objects;

/** The phase 0 {@code Status} message (status/1): the chain a peer follows and how far it is. */
public record Status(
    ImmutableBytes forkDigest,
    Bytes32 finalizedRoot,
    long finalizedEpoch,
    Bytes32 headRoot,
    long headSlot) {

  public static final int FORK_DIGEST_SIZE = 4;

  public Status {
    Objects.requireNonNull(forkDigest, "forkDigest");
    Objects.requireNonNull(finalizedRoot, "finalizedRoot");
    Objects.requireNonNull(headRoot, "headRoot");
    if (forkDigest.size() != FORK_DIGEST_SIZE) {
      throw new IllegalArgumentException("fork digest must be 4 bytes, got " + forkDigest.size());
    }
  }
}

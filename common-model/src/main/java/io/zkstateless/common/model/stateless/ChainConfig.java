package io.zkstateless.common.model.stateless;

import java.util.Objects;

/**
 * The chain the guest validates for: its id and the activation of the active fork. Only the newest
 * schema revision carries the activation; the older ones carry the chain id alone and refuse to
 * encode an activation they would silently drop.
 */
public record ChainConfig(long chainId, ForkActivation activeForkActivation) {

  public ChainConfig {
    Objects.requireNonNull(activeForkActivation, "activeForkActivation");
  }

  /** A chain id with no fork activation: all a v0.3.3 or plain {@code 0x1501} input holds. */
  public static ChainConfig of(final long chainId) {
    return new ChainConfig(chainId, ForkActivation.UNSPECIFIED);
  }

  /**
   * The chain id, for layouts that hold nothing else.
   *
   * @throws IllegalArgumentException if a fork activation is set, which such a layout would lose
   */
  long chainIdOnly() {
    if (!activeForkActivation.isUnspecified()) {
      throw new IllegalArgumentException(
          "this schema revision carries only the chain id, not a fork activation");
    }
    return chainId;
  }
}

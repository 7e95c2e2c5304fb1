package io.zkstateless.common.model.stateless;

import java.util.OptionalLong;

/**
 * When the active fork activated: by block number, by timestamp, by both or unspecified
 * (execution-specs {@code stateless.py} {@code ForkActivation}; each value is SSZ-encoded as a
 * {@code List[uint64, 1]} standing for an optional).
 */
public record ForkActivation(OptionalLong blockNumber, OptionalLong timestamp) {

  public static final ForkActivation UNSPECIFIED =
      new ForkActivation(OptionalLong.empty(), OptionalLong.empty());

  public boolean isUnspecified() {
    return blockNumber.isEmpty() && timestamp.isEmpty();
  }
}

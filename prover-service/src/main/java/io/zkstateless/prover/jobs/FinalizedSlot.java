package io.zkstateless.prover.jobs;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** The latest finalized slot the watcher has seen, shared with the dispatcher's drop rule. */
public final class FinalizedSlot {

  private final AtomicLong slot = new AtomicLong(-1);

  /** Moves forward only; a stale event never un-finalizes anything. */
  public void advanceTo(final long finalized) {
    slot.accumulateAndGet(finalized, Math::max);
  }

  public OptionalLong get() {
    final long value = slot.get();
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }
}

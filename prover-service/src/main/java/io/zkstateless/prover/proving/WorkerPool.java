package io.zkstateless.prover.proving;

import io.zkstateless.common.model.proof.ProofType;
import java.util.List;

/**
 * The workers of one proof type. Several workers prove different blocks of the type at once; each
 * holds at most one job.
 *
 * @param proofType the type every worker of the pool proves
 * @param slots the workers
 */
public record WorkerPool(ProofType proofType, List<WorkerSlot> slots) {

  public WorkerPool {
    if (slots.isEmpty()) {
      throw new IllegalArgumentException("pool of " + proofType.name() + " has no worker");
    }
    slots = List.copyOf(slots);
  }

  public long healthyWorkers() {
    return slots.stream().filter(WorkerSlot::healthy).count();
  }

  public long busyWorkers() {
    return slots.stream().filter(WorkerSlot::busy).count();
  }
}

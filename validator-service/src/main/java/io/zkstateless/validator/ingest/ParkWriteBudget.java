package io.zkstateless.validator.ingest;

import io.zkstateless.common.model.proof.ExecutionProofSchema;
import java.time.Duration;
import java.time.Instant;

/**
 * How many bytes per second parked proofs may write to PostgreSQL: a token bucket. Anyone on the
 * network can send proofs for blocks nobody has, each up to 4 MiB, so without it a flood would turn
 * into as many database writes (and WAL flushes), slowing the stores of valid proofs. Each write
 * costs at least {@link #MIN_COST} (a commit is a flush whatever the size). A proof over budget
 * still waits in memory, as every proof did before the park was stored; under such a flood the
 * memory park's own bound evicts it soon anyway. Guarded by the caller.
 */
final class ParkWriteBudget {

  /** The least a write costs, for the commit's flush. */
  static final int MIN_COST = 16 * 1024;

  private final double bytesPerSecond;
  private final double capacity;
  private double tokens;
  private Instant last;

  /** {@code bytesPerSecond} 0: nothing is written. Holds at least one largest proof. */
  ParkWriteBudget(final long bytesPerSecond, final Instant now) {
    this.bytesPerSecond = bytesPerSecond;
    this.capacity = bytesPerSecond == 0 ? 0 : Math.max(bytesPerSecond, ExecutionProofSchema.MAX_PROOF_SIZE + MIN_COST);
    this.tokens = capacity;
    this.last = now;
  }

  /** Spends the cost of writing {@code bytes} if there is enough left; whether it was spent. */
  boolean tryWrite(final int bytes, final Instant now) {
    if (now.isAfter(last)) {
      tokens = Math.min(capacity, tokens + bytesPerSecond * Duration.between(last, now).toNanos() / 1e9);
      last = now;
    }
    final double cost = Math.max(bytes, MIN_COST);
    if (capacity == 0 || tokens < cost) {
      return false;
    }
    tokens -= cost;
    return true;
  }
}

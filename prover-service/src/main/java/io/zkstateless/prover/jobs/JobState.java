package io.zkstateless.prover.jobs;

import java.util.Locale;

/**
 * Where a proof job is; ethproofs' queued/proving/proved vocabulary plus the states a durable
 * pipeline needs. See {@link ProofJobStore} for the transitions.
 */
public enum JobState {
  /** Waiting for a worker (again, after a failed attempt, once {@code not_before} has passed). */
  QUEUED,
  /** Leased by one replica and on a worker. */
  PROVING,
  /** Proved; the proof record is stored and waits for Kafka's acknowledgement. */
  PUBLISHING,
  /** Kafka acknowledged the proof. Terminal. */
  PROVED,
  /** Every attempt failed. Terminal until an operator requeues it. */
  FAILED,
  /** Given up unproved: too old, behind finalization or pushed out of a full queue. */
  DROPPED;

  /** The value in the {@code state} column and in metric labels. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobState fromLabel(final String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}

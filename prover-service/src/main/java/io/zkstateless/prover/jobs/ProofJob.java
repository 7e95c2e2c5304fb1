package io.zkstateless.prover.jobs;

import java.time.Instant;

/**
 * One row of {@code prover.proof_job}: a (block, proof type) and where its proving stands.
 *
 * @param block the block
 * @param proofType proof type name
 * @param state current state
 * @param attempts attempts started so far (including the current one while proving)
 * @param queuedAt when the job was first queued (drives the age limit)
 * @param leaseOwner replica holding the job while proving or publishing, else null
 * @param leaseUntil when that lease runs out, else null
 * @param lastError why the last attempt failed, else null
 */
public record ProofJob(
    BlockRef block,
    String proofType,
    JobState state,
    int attempts,
    Instant queuedAt,
    String leaseOwner,
    Instant leaseUntil,
    String lastError) {

  public JobKey key() {
    return new JobKey(block.blockHash(), proofType);
  }
}

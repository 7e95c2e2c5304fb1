package io.zkstateless.prover.publish;

import io.zkstateless.prover.jobs.ProofJob;
import java.util.concurrent.CompletableFuture;

/** Where finished proofs go. The future completes when the proof is durably accepted. */
public interface ProofSink {

  /**
   * Sends the encoded {@code ExecutionProof} of a job.
   *
   * @param job the job the proof belongs to (key and headers come from it)
   * @param record the SSZ {@code ExecutionProof}, exactly as it should appear on the wire
   */
  CompletableFuture<Void> send(ProofJob job, byte[] record);
}

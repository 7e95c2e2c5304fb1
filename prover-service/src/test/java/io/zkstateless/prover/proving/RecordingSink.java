package io.zkstateless.prover.proving;

import io.zkstateless.prover.jobs.ProofJob;
import io.zkstateless.prover.publish.ProofSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what was sent; can be told to refuse sends, as a Kafka outage would. */
final class RecordingSink implements ProofSink {

  record Sent(ProofJob job, byte[] record) {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();
  volatile boolean refuse;

  @Override
  public CompletableFuture<Void> send(final ProofJob job, final byte[] record) {
    if (refuse) {
      return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"));
    }
    sent.add(new Sent(job, record));
    return CompletableFuture.completedFuture(null);
  }
}

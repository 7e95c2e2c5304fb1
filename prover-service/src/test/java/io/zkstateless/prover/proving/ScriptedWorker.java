package io.zkstateless.prover.proving;

import io.zkstateless.common.model.proof.mock.MockProofScheme;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker the test drives: each call takes the next scripted outcome (the last one repeats);
 * {@code HANG} never completes unless the dispatcher cancels or times it out.
 */
final class ScriptedWorker implements ZkvmWorker {

  enum Outcome {
    PROVE,
    FAIL,
    /** A failure of the job itself ({@link ProvingException#permanent}). */
    REFUSE,
    /** A dependency did not answer ({@link ProvingException#outage}). */
    UNREACHABLE,
    HANG
  }

  private final String id;
  private final List<Outcome> script;
  private final AtomicInteger calls = new AtomicInteger();
  final List<CompletableFuture<byte[]>> started = new CopyOnWriteArrayList<>();

  ScriptedWorker(final String id, final Outcome... script) {
    this.id = id;
    this.script = List.of(script);
  }

  @Override
  public String id() {
    return id;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public CompletableFuture<byte[]> prove(final ProofRequest request) {
    final int call = calls.getAndIncrement();
    final Outcome outcome = script.get(Math.min(call, script.size() - 1));
    final CompletableFuture<byte[]> future = new CompletableFuture<>();
    started.add(future);
    switch (outcome) {
      case PROVE ->
          future.complete(
              MockProofScheme.create(request.block().blockHash(), request.proofType().id(), 100));
      case FAIL ->
          future.completeExceptionally(
              new ProvingException("worker_error", "scripted failure " + call));
      case REFUSE ->
          future.completeExceptionally(
              ProvingException.permanent("input_unbuildable", "scripted refusal " + call));
      case UNREACHABLE ->
          future.completeExceptionally(
              ProvingException.inputOutage("witness_transport_error", "scripted outage " + call));
      case HANG -> {}
    }
    return future;
  }
}

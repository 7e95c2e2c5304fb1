package io.zkstateless.prover.proving;

import java.util.concurrent.CompletableFuture;

/**
 * One proving backend, in production one GPU behind ere or zkboost. The pool gives a worker at most
 * one request at a time; the worker must not block the caller: it completes the future with the
 * proof bytes, or exceptionally (a {@link ProvingException} says why). On timeout or shutdown the
 * pool completes the future itself (exceptionally, or by cancelling it); an adapter should watch
 * for that and abort the backend's job, so the GPU is free for the next one.
 */
public interface ZkvmWorker {

  /** A stable name for logs, health and metrics, e.g. {@code mock-0}. */
  String id();

  CompletableFuture<byte[]> prove(ProofRequest request);
}

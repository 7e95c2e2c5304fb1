package io.zkstateless.prover.proving;

import java.util.concurrent.CompletableFuture;

/**
 * One proving backend, in production one GPU behind ere or zkboost. The pool gives a worker at most
 * one request at a time; the worker must not block the caller: it completes the future with the
 * proof bytes, or exceptionally (a {@link ProvingException} says why). The pool may cancel the
 * future on timeout; an adapter should then abort the backend's job so the GPU is free again.
 */
public interface ZkvmWorker {

  /** A stable name for logs, health and metrics, e.g. {@code mock-0}. */
  String id();

  CompletableFuture<byte[]> prove(ProofRequest request);
}

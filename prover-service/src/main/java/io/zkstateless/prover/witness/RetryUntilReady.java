package io.zkstateless.prover.witness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Repeats an attempt every {@code interval} while it fails with a "not ready yet" error (see {@link
 * NotReadyClassifier}) until {@code readyTimeout} has passed since the first attempt; any other
 * error ends the loop at once. This is zkboost's witness loop (every 200 ms until {@code
 * witness_timeout_secs}), with the deadline read from an injected {@link Clock}.
 */
public final class RetryUntilReady {

  private final Clock clock;
  private final RetryScheduler scheduler;
  private final NotReadyClassifier classifier;
  private final Duration interval;
  private final Duration readyTimeout;

  public RetryUntilReady(
      final Clock clock,
      final RetryScheduler scheduler,
      final NotReadyClassifier classifier,
      final Duration interval,
      final Duration readyTimeout) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.classifier = classifier;
    this.interval = interval;
    this.readyTimeout = readyTimeout;
  }

  /**
   * @param what names the awaited thing in the failure message, e.g. "witness of block 0x…"
   * @return the first successful result; or fails with the first non-retryable error, or with
   *     {@link FailureReason#WITNESS_TIMEOUT} carrying the last not-ready error as cause
   */
  public <T> CompletableFuture<T> run(
      final String what, final Supplier<CompletableFuture<T>> attempt) {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final Instant deadline = clock.instant().plus(readyTimeout);
    attempt(what, attempt, result, deadline, 1);
    return result;
  }

  private <T> void attempt(
      final String what,
      final Supplier<CompletableFuture<T>> attempt,
      final CompletableFuture<T> result,
      final Instant deadline,
      final int number) {
    if (result.isDone()) {
      return; // cancelled by the caller: stop polling
    }
    final CompletableFuture<T> call;
    try {
      call = attempt.get();
    } catch (final RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    call.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            result.complete(value);
            return;
          }
          final Throwable cause = unwrap(failure);
          if (!classifier.isNotReady(cause)) {
            result.completeExceptionally(cause);
          } else if (clock.instant().plus(interval).isAfter(deadline)) {
            result.completeExceptionally(
                new ExecutionClientException(
                    FailureReason.WITNESS_TIMEOUT,
                    what
                        + " not ready after "
                        + readyTimeout
                        + " ("
                        + number
                        + " attempts); last answer: "
                        + cause.getMessage(),
                    cause));
          } else {
            scheduler.schedule(
                () -> attempt(what, attempt, result, deadline, number + 1), interval);
          }
        });
  }

  private static Throwable unwrap(final Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}

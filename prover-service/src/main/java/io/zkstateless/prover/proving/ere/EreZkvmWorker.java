package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.prover.config.EreProperties;
import io.zkstateless.prover.proving.ProofRequest;
import io.zkstateless.prover.proving.ProvingException;
import io.zkstateless.prover.proving.ZkvmWorker;
import io.zkstateless.prover.proving.ere.api.ProgramVkResponse;
import io.zkstateless.prover.proving.ere.api.ProveOk;
import io.zkstateless.prover.proving.ere.api.ProveResponse;
import io.zkstateless.prover.proving.ere.api.VerifyResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The {@code ere} adapter: one worker per ere-server. An attempt builds the block's stateless input
 * ({@link StatelessInputSource}), sends it to {@code Prove} as ere's prefixed stdin, checks the
 * public values against the request it sent (if configured), optionally has the server {@code
 * Verify} the proof, and answers the proof bytes, which become {@code ExecutionProof.proofData}.
 *
 * <p>Failure classes ({@link EreFailures}): transport, timeouts and server-side twirp errors are
 * the worker's fault and retryable (the circuit breaker counts them); an input ere refuses, or one
 * that cannot be built, is the job's fault and ends it. When the pool gives up on an attempt
 * (timeout, shutdown), the HTTP exchange is aborted.
 */
public final class EreZkvmWorker implements ZkvmWorker {

  private final String id;
  private final EreClient client;
  private final StatelessInputSource inputs;
  private final EreProperties config;
  private final Clock clock;
  private final AtomicReference<EreServerStatus> status =
      new AtomicReference<>(EreServerStatus.UNKNOWN);

  EreZkvmWorker(
      final String id,
      final EreClient client,
      final StatelessInputSource inputs,
      final EreProperties config,
      final Clock clock) {
    this.id = id;
    this.client = client;
    this.inputs = inputs;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String id() {
    return id;
  }

  public EreClient client() {
    return client;
  }

  public EreServerStatus status() {
    return status.get();
  }

  @Override
  public CompletableFuture<byte[]> prove(final ProofRequest request) {
    final EreServerStatus known = status.get();
    if (!known.expectedProgram()) {
      return CompletableFuture.failedFuture(
          new ProvingException("ere_wrong_program", id + ": " + known.problem().orElse("")));
    }
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    final CompletableFuture<GuestInput> input = inputs.inputFor(request.block());
    final AtomicReference<CompletableFuture<?>> call = new AtomicReference<>(input);
    input
        .thenCompose(
            guest ->
                track(call, result, () -> client.prove(guest.stdin(), config.proveTimeout()))
                    .thenApply(response -> proved(guest, response)))
        .thenCompose(
            proof ->
                config.verifyAfterProve()
                    ? track(call, result, () -> client.verify(proof, config.callTimeout()))
                        .thenApply(v -> verified(proof, v))
                    : CompletableFuture.completedFuture(proof))
        .whenComplete(
            (proof, error) -> {
              if (error == null) {
                result.complete(proof);
              } else {
                result.completeExceptionally(EreFailures.classify(unwrap(error)));
              }
            });
    // The pool completes the future itself on timeout or shutdown: stop the server's work too.
    result.whenComplete(
        (proof, error) -> {
          if (error != null) {
            call.get().cancel(true);
          }
        });
    return result;
  }

  /**
   * Asks the server which program it serves and records it ({@link #status()}); a server that
   * serves another program than {@code program-vk-sha256} gets no more jobs until a later probe
   * finds the right one.
   */
  public CompletableFuture<EreServerStatus> probe(final Duration timeout) {
    return client
        .programVk(timeout)
        .handle(
            (response, error) -> {
              final EreServerStatus found =
                  error != null
                      ? new EreServerStatus(
                          false,
                          Optional.empty(),
                          true,
                          Optional.of(unwrap(error).getMessage()),
                          clock.instant())
                      : statusOf(response);
              status.set(found);
              return found;
            });
  }

  private EreServerStatus statusOf(final ProgramVkResponse response) {
    if (!response.hasOk()) {
      return new EreServerStatus(
          false,
          Optional.empty(),
          true,
          Optional.of("ProgramVk failed: " + response.getErr()),
          clock.instant());
    }
    final String sha = sha256(response.getOk().getProgramVk().toByteArray());
    final String expected = config.programVkSha256();
    final boolean matches =
        expected == null || expected.toLowerCase(Locale.ROOT).replaceFirst("^0x", "").equals(sha);
    return new EreServerStatus(
        true,
        Optional.of(sha),
        matches,
        matches
            ? Optional.empty()
            : Optional.of("serves program vk sha256 " + sha + ", expected " + expected),
        clock.instant());
  }

  private byte[] proved(final GuestInput guest, final ProveResponse response) {
    if (response.hasErr()) {
      throw new ProvingException(
          "ere_prove_failed",
          id + ": zkVM prove failed: " + EreFailures.shorten(response.getErr()));
    }
    if (!response.hasOk()) {
      throw new ProvingException("ere_malformed_response", id + ": Prove answered no result");
    }
    final ProveOk ok = response.getOk();
    if (config.checkPublicValues()) {
      PublicValuesCheck.check(config.schemaRevision(), guest, ok.getPublicValues().toByteArray());
    }
    return ok.getProof().toByteArray();
  }

  private byte[] verified(final byte[] proof, final VerifyResponse response) {
    if (!response.hasOk()) {
      throw new ProvingException(
          "ere_self_verify_failed",
          id + ": the server rejects its own proof: " + EreFailures.shorten(response.getErr()));
    }
    return proof;
  }

  /**
   * Starts the next call of an attempt and makes it the one to abort, unless the pool has already
   * given up on the attempt (say, while the execution client was still answering): then nothing
   * is sent, so a GPU never starts on an input whose result nobody waits for.
   */
  private static <T> CompletableFuture<T> track(
      final AtomicReference<CompletableFuture<?>> call,
      final CompletableFuture<byte[]> attempt,
      final Supplier<CompletableFuture<T>> next) {
    if (attempt.isDone()) {
      return CompletableFuture.failedFuture(new CancellationException("attempt already ended"));
    }
    final CompletableFuture<T> started = next.get();
    call.set(started);
    if (attempt.isDone()) {
      started.cancel(true);
    }
    return started;
  }

  private static Throwable unwrap(final Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  static String sha256(final byte[] bytes) {
    try {
      return Hex.encodeBare(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}

package io.zkstateless.prover.proving;

import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.prover.config.WorkerProperties;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The built-in {@code mock} adapter: after a configured delay (constant, random or per gas) it
 * answers the {@link MockProofScheme} proof of the configured size, which the validator's mock
 * verifier accepts and nothing else does; a configured share of attempts fails instead. It keeps no
 * thread busy while "proving": the answer is scheduled.
 */
public final class MockZkvmWorker implements ZkvmWorker {

  private final String id;
  private final WorkerProperties.Mock config;
  private final ScheduledExecutorService scheduler;
  private final Random random;

  public MockZkvmWorker(
      final String id,
      final WorkerProperties.Mock config,
      final ScheduledExecutorService scheduler) {
    this.id = id;
    this.config = config;
    this.scheduler = scheduler;
    this.random = new Random(config.seed() ^ id.hashCode());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public CompletableFuture<byte[]> prove(final ProofRequest request) {
    final Duration delay;
    final boolean fail;
    synchronized (random) {
      delay = provingTime(request);
      fail = random.nextDouble() < config.failureRate();
    }
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    scheduler.schedule(
        () -> {
          if (fail) {
            result.completeExceptionally(
                new ProvingException("worker_error", id + ": injected mock failure"));
          } else {
            result.complete(
                MockProofScheme.create(
                    request.block().blockHash(), request.proofType().id(), config.proofSize()));
          }
        },
        delay.toNanos(),
        TimeUnit.NANOSECONDS);
    return result;
  }

  /** The delay for this request; call with {@link #random} held. */
  Duration provingTime(final ProofRequest request) {
    return switch (config.timing()) {
      case CONSTANT -> config.provingTime();
      case RANDOM -> {
        final long min = config.provingTime().toNanos();
        final long spread = config.maxProvingTime().toNanos() - min;
        yield Duration.ofNanos(
            min + (spread == 0 ? 0 : Math.floorMod(random.nextLong(), spread + 1)));
      }
      case PER_GAS ->
          config
              .provingTime()
              .plus(
                  Duration.ofNanos(
                      (long)
                          (config.timePerMillionGas().toNanos()
                              * (request.block().gasUsed() / 1e6))));
    };
  }
}

package io.zkstateless.prover.proving.ere;

import io.zkstateless.prover.config.EreProperties;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * Makes the {@code ere} workers of the pools, sharing one HTTP client (its connection pool and
 * selector thread) among all ere-servers; {@link #close()} releases it.
 */
public final class EreWorkers implements AutoCloseable {

  private final ExecutionWitnessClient el;
  private final Executor executor;
  private final Clock clock;
  private final ExecutionRequestsLookup requestsLookup;
  private HttpClient http;

  /**
   * @param el the execution client the inputs come from
   * @param executor runs the input encoding (CPU work off the HTTP threads)
   * @param requestsLookup finds execution requests a job does not carry (null: no beacon node)
   */
  public EreWorkers(
      final ExecutionWitnessClient el,
      final Executor executor,
      final Clock clock,
      final ExecutionRequestsLookup requestsLookup) {
    this.el = el;
    this.requestsLookup = requestsLookup;
    this.executor = executor;
    this.clock = clock;
  }

  /**
   * Worker {@code index} of a pool of {@code count}, on endpoint {@code index}.
   *
   * @throws IllegalArgumentException if the pool does not have one endpoint per worker
   */
  public synchronized EreZkvmWorker worker(
      final String typeName, final int index, final int count, final EreProperties config) {
    if (config.endpoints().size() != count) {
      throw new IllegalArgumentException(
          "prover.workers.pools."
              + typeName
              + ": the ere adapter needs one ere.endpoints entry"
              + " per worker (an ere-server proves one input at a time); count is "
              + count
              + ", endpoints "
              + config.endpoints().size());
    }
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(config.connectTimeout())
              .build();
    }
    return new EreZkvmWorker(
        typeName + "-ere-" + index,
        new EreClient(http, config.endpoints().get(index), config.maxResponseBytes()),
        new StatelessInputSource(
            el,
            config.schemaRevision(),
            config.chainId(),
            config.maxInputBytes(),
            executor,
            requestsLookup),
        config,
        clock);
  }

  @Override
  public synchronized void close() {
    if (http != null) {
      http.close();
    }
  }
}

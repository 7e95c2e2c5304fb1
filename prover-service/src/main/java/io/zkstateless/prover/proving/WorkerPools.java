package io.zkstateless.prover.proving;

import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.prover.config.WorkerProperties;
import io.zkstateless.prover.config.WorkersProperties;
import io.zkstateless.prover.proving.ere.EreWorkers;
import io.zkstateless.prover.proving.ere.ExecutionRequestsLookup;
import io.zkstateless.prover.proving.zkboost.NewPayloadRequestSource;
import io.zkstateless.prover.proving.zkboost.ZkboostZkvmWorker;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the worker pools from configuration (adapter per proof type, several workers per pool) and
 * owns what the built-in adapters share: one scheduler thread for the mock workers' delays and
 * the zkboost stream watchdogs, virtual threads for compressing witnesses, one HTTP client for the
 * zkboost pools.
 */
public final class WorkerPools implements AutoCloseable {

  private final List<WorkerPool> pools;
  private final ScheduledExecutorService mockScheduler;
  private final ExecutorService witnessEncoder;
  private final ExecutionWitnessClient witnessClient;
  private final EreWorkers ereWorkers;
  private final NewPayloadRequestSource newPayloadRequests;
  private final HttpClient zkboostHttp;
  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * @param witnessClient the execution client, for {@code witness} pools (null if there is none)
   */
  public WorkerPools(
      final WorkersProperties config,
      final ProofTypeRegistry registry,
      final Clock clock,
      final ExecutionWitnessClient witnessClient) {
    this(config, registry, clock, witnessClient, null, null);
  }

  /**
   * @param newPayloadRequests where {@code zkboost} pools get each block's {@code
   *     NewPayloadRequest} (null if there is no beacon node)
   * @param requestsLookup where {@code ere} pools find the execution requests of blocks whose jobs
   *     do not carry them (null if no beacon node is configured for it)
   */
  public WorkerPools(
      final WorkersProperties config,
      final ProofTypeRegistry registry,
      final Clock clock,
      final ExecutionWitnessClient witnessClient,
      final NewPayloadRequestSource newPayloadRequests,
      final ExecutionRequestsLookup requestsLookup) {
    config.checkAgainst(registry);
    this.witnessClient = witnessClient;
    this.newPayloadRequests = newPayloadRequests;
    this.zkboostHttp =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    this.witnessEncoder =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("witness-proof-", 0).factory());
    this.mockScheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mock-zkvm").daemon().factory());
    this.ereWorkers = new EreWorkers(witnessClient, witnessEncoder, clock, requestsLookup);
    final List<WorkerPool> built = new ArrayList<>();
    config
        .pools()
        .forEach(
            (typeName, pool) -> {
              final List<WorkerSlot> slots = new ArrayList<>();
              for (int i = 0; i < pool.count(); i++) {
                slots.add(new WorkerSlot(worker(typeName, i, pool), pool.breaker(), clock));
              }
              built.add(new WorkerPool(registry.byName(typeName), slots));
            });
    this.pools = List.copyOf(built);
  }

  public List<WorkerPool> pools() {
    return pools;
  }

  public List<String> proofTypes() {
    return pools.stream().map(pool -> pool.proofType().name()).toList();
  }

  private ZkvmWorker worker(final String typeName, final int index, final WorkerProperties pool) {
    return switch (pool.kind()) {
      case MOCK -> new MockZkvmWorker(typeName + "-mock-" + index, pool.mock(), mockScheduler);
      case WITNESS -> {
        if (witnessClient == null) {
          throw new IllegalArgumentException(
              "prover.workers.pools."
                  + typeName
                  + ": the witness adapter needs prover.execution-client");
        }
        yield new WitnessZkvmWorker(
            typeName + "-witness-" + index,
            witnessClient,
            pool.witness().maxUncompressedBytes(),
            witnessEncoder);
      }
      case ERE -> {
        if (witnessClient == null) {
          throw new IllegalArgumentException(
              "prover.workers.pools."
                  + typeName
                  + ": the ere adapter needs prover.execution-client");
        }
        yield ereWorkers.worker(typeName, index, pool.count(), pool.ere());
      }
      case ZKBOOST -> {
        if (newPayloadRequests == null) {
          throw new IllegalArgumentException(
              "prover.workers.pools." + typeName + ": the zkboost adapter needs the beacon node");
        }
        yield new ZkboostZkvmWorker(
            typeName + "-zkboost-" + index,
            pool.zkboost(),
            zkboostHttp,
            json,
            newPayloadRequests,
            ElectraSchemas.MAINNET,
            mockScheduler);
      }
    };
  }

  @Override
  public void close() {
    mockScheduler.shutdownNow();
    witnessEncoder.shutdownNow();
    ereWorkers.close();
    zkboostHttp.close();
  }
}

package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.prover.config.EreProperties;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.proving.ProofRequest;
import io.zkstateless.prover.witness.ExecutionClientSettings;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import io.zkstateless.prover.witness.RetryScheduler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One fixture execution client, one fake ere-server and the ere workers wired to them, as the
 * prover wires them; {@link #close()} stops everything.
 */
public final class EreTestSupport implements AutoCloseable {

  public final FixtureExecutionClient el = FixtureExecutionClient.start();
  public final FakeEreServer ere = FakeEreServer.start();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  public final ExecutionWitnessClient elClient =
      ExecutionWitnessClient.create(
          ExecutionClientSettings.defaults(el.url()),
          Clock.systemUTC(),
          RetryScheduler.of(timer),
          executor);
  private final EreWorkers workers = new EreWorkers(elClient, executor, Clock.systemUTC(), null);
  private EreWorkers workersWithLookup;

  /** A worker on the fake server with these settings. */
  public EreZkvmWorker worker(final EreProperties config) {
    return workers.worker("sp1", 0, 1, config);
  }

  /** A worker that asks {@code lookup} for the execution requests a job does not carry. */
  public synchronized EreZkvmWorker worker(
      final EreProperties config, final ExecutionRequestsLookup lookup) {
    if (workersWithLookup == null) {
      workersWithLookup = new EreWorkers(elClient, executor, Clock.systemUTC(), lookup);
    }
    return workersWithLookup.worker("sp1", 0, 1, config);
  }

  public EreZkvmWorker worker() {
    return worker(config().build());
  }

  public Config config() {
    return new Config(List.of(ere.url()));
  }

  public static ProofRequest request(final EestElBlock block) {
    return new ProofRequest(
        new BlockRef(block.hash(), block.block().number(), 1, Bytes32.ZERO, 0),
        ProofTypeRegistry.defaults().byName("sp1"),
        1);
  }

  /** {@link EreProperties} with test-sized defaults, changed one setting at a time. */
  public static final class Config {
    private final List<URI> endpoints;
    private StatelessSchemaRevision revision = StatelessSchemaRevision.AMSTERDAM_1501;
    private Duration proveTimeout = Duration.ofSeconds(20);
    private boolean verify;
    private String vkSha256;
    private int maxResponseBytes = 1 << 20;
    private int maxInputBytes = 64 << 20;

    Config(final List<URI> endpoints) {
      this.endpoints = endpoints;
    }

    public Config revision(final StatelessSchemaRevision value) {
      revision = value;
      return this;
    }

    public Config proveTimeout(final Duration value) {
      proveTimeout = value;
      return this;
    }

    public Config verifyAfterProve() {
      verify = true;
      return this;
    }

    public Config programVkSha256(final String value) {
      vkSha256 = value;
      return this;
    }

    public Config maxResponseBytes(final int value) {
      maxResponseBytes = value;
      return this;
    }

    public Config maxInputBytes(final int value) {
      maxInputBytes = value;
      return this;
    }

    public EreProperties build() {
      return new EreProperties(
          endpoints,
          revision,
          0,
          Duration.ofSeconds(2),
          proveTimeout,
          Duration.ofSeconds(5),
          verify,
          true,
          vkSha256,
          maxInputBytes,
          maxResponseBytes);
    }
  }

  @Override
  public void close() {
    workers.close();
    if (workersWithLookup != null) {
      workersWithLookup.close();
    }
    ere.close();
    el.close();
    timer.shutdownNow();
    executor.shutdownNow();
  }
}

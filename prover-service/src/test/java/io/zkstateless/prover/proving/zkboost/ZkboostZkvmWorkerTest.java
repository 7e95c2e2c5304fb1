package io.zkstateless.prover.proving.zkboost;

import static io.zkstateless.prover.proving.zkboost.ZkboostFixtures.TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.common.model.proof.ProofType;
import io.zkstateless.common.test.zkboost.FakeZkboostServer;
import io.zkstateless.prover.config.WorkerProperties;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.proving.ProofRequest;
import io.zkstateless.prover.proving.ProvingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The zkboost adapter against a fake that speaks zkboost v0.7's REST and SSE contract. */
class ZkboostZkvmWorkerTest {

  private static final ProofType PROOF_TYPE = new ProofType(1, "sp1", new io.zkstateless.common.model.proof.ExecutionProofSubnetId(1));

  private FakeZkboostServer zkboost;
  private HttpClient http;
  private ScheduledExecutorService watchdog;

  @BeforeEach
  void start() throws Exception {
    zkboost = ZkboostFixtures.server(128);
    http = HttpClient.newHttpClient();
    watchdog = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    zkboost.close();
    http.close();
    watchdog.shutdownNow();
  }

  @Test
  void provesThroughRequestStreamAndDownload() {
    zkboost.autoProve(root -> ("proof of " + root).getBytes(StandardCharsets.UTF_8));

    final byte[] proof = prove(worker(Duration.ofSeconds(10)), 7);

    assertThat(new String(proof, StandardCharsets.UTF_8))
        .isEqualTo("proof of " + ZkboostFixtures.root(7));
    assertThat(zkboost.requestedRoots()).containsExactly(ZkboostFixtures.root(7));
  }

  @ParameterizedTest
  @CsvSource({
    "witness_timeout, witness_timeout",
    "proving_timeout, timeout",
    "proving_error, worker_error",
    "internal_error, zkboost_internal_error",
    "something_new, worker_error"
  })
  void mapsProofFailureReasons(final String zkboostReason, final String proverReason) {
    final CompletableFuture<byte[]> proving = start(worker(Duration.ofSeconds(10)), 8);
    awaitRequested(8);
    zkboost.fail(ZkboostFixtures.root(8), "ethrex-zisk", "proving_error", "other type: ignored");
    zkboost.fail(ZkboostFixtures.root(8), TYPE, zkboostReason, "guest panicked");

    assertThatThrownBy(proving::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ProvingException.class)
        .satisfies(e -> assertThat(((ProvingException) e).reason()).isEqualTo(proverReason))
        .hasMessageContaining("guest panicked");
  }

  @Test
  void reconnectsAfterTheStreamDropsAndPicksUpTheReplayedCompletion() {
    final CompletableFuture<byte[]> proving = start(worker(Duration.ofSeconds(10)), 9);
    awaitRequested(9);
    final int before = zkboost.subscriptionCount();

    zkboost.dropEventStreams();
    zkboost.complete(ZkboostFixtures.root(9), TYPE, new byte[] {1, 2, 3});

    assertThat(proving.join()).containsExactly(1, 2, 3);
    assertThat(zkboost.subscriptionCount()).isGreaterThan(before);
  }

  @Test
  void timesOutWhenNoOutcomeArrives() {
    final CompletableFuture<byte[]> proving = start(worker(Duration.ofMillis(300)), 10);

    assertThatThrownBy(proving::join)
        .cause()
        .isInstanceOf(ProvingException.class)
        .satisfies(e -> assertThat(((ProvingException) e).reason()).isEqualTo("timeout"));
  }

  @Test
  void unreachableZkboostFailsAtOnce() {
    final ZkboostZkvmWorker worker =
        worker(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(10), ZkboostFixtures.TYPE);

    assertThatThrownBy(() -> prove(worker, 11))
        .cause()
        .isInstanceOf(ProvingException.class)
        .satisfies(
            e -> assertThat(((ProvingException) e).reason()).isEqualTo("zkboost_unavailable"));
  }

  @Test
  void unconfiguredProofTypeIsRejected() {
    final ZkboostZkvmWorker worker = worker(zkboost.url(), Duration.ofSeconds(10), "reth-openvm");

    assertThatThrownBy(() -> prove(worker, 12))
        .cause()
        .satisfies(e -> assertThat(((ProvingException) e).reason()).isEqualTo("zkboost_rejected"))
        .hasMessageContaining("reth-openvm");
  }

  @Test
  void rootDisagreementIsReported() throws Exception {
    try (FakeZkboostServer progressive =
        new FakeZkboostServer(
            java.util.Set.of(TYPE), body -> "0x" + "ee".repeat(32), 8, Duration.ofMillis(50))) {
      final ZkboostZkvmWorker worker =
          worker(progressive.url(), Duration.ofSeconds(10), ZkboostFixtures.TYPE);

      assertThatThrownBy(() -> prove(worker, 13))
          .cause()
          .satisfies(e -> assertThat(((ProvingException) e).reason()).isEqualTo("root_mismatch"));
    }
  }

  @Test
  void evictedProofIsAFailure() throws Exception {
    try (FakeZkboostServer tiny = ZkboostFixtures.server(0)) {
      final CompletableFuture<byte[]> proving =
          start(worker(tiny.url(), Duration.ofSeconds(10), TYPE), 14);
      await().atMost(5, TimeUnit.SECONDS).until(() -> !tiny.requestedRoots().isEmpty());
      tiny.complete(ZkboostFixtures.root(14), TYPE, new byte[] {9});

      assertThatThrownBy(proving::join)
          .cause()
          .satisfies(e -> assertThat(((ProvingException) e).reason()).isEqualTo("proof_evicted"));
    }
  }

  @Test
  void cancellingClosesTheStream() {
    final CompletableFuture<byte[]> proving = start(worker(Duration.ofSeconds(30)), 15);
    awaitRequested(15);
    assertThat(zkboost.openEventStreams()).isEqualTo(1);

    proving.cancel(false);

    // The fake notices a closed connection on its next write (keep-alive every 50 ms).
    await().atMost(5, TimeUnit.SECONDS).until(() -> zkboost.openEventStreams() == 0);
  }

  @Test
  void jobsWithoutBeaconBlockFailClearly() {
    final BeaconNewPayloadRequestSource source =
        new BeaconNewPayloadRequestSource(null, io.zkstateless.common.model.electra.ElectraPreset.MAINNET);
    final BlockRef fromElPolling = new BlockRef(ZkboostFixtures.blockHash(16), 16, 0, Bytes32.ZERO, 0);

    assertThatThrownBy(() -> source.forBlock(fromElPolling))
        .isInstanceOf(ProvingException.class)
        .hasMessageContaining("zkboost needs the beacon block")
        .satisfies(e -> assertThat(((ProvingException) e).reason()).isEqualTo("no_beacon_block"));
  }

  private ZkboostZkvmWorker worker(final Duration proofTimeout) {
    return worker(zkboost.url(), proofTimeout, TYPE);
  }

  private ZkboostZkvmWorker worker(final URI url, final Duration proofTimeout, final String type) {
    final WorkerProperties.Zkboost base = ZkboostFixtures.config(url, proofTimeout);
    final WorkerProperties.Zkboost config =
        new WorkerProperties.Zkboost(
            base.url(), type, base.requestTimeout(), base.proofTimeout(), base.stallTimeout(),
            base.reconnectBackoff(), base.maxProofBytes());
    return new ZkboostZkvmWorker(
        "sp1-zkboost-0",
        config,
        http,
        JsonMapper.builder().build(),
        block -> ZkboostFixtures.request(block.blockNumber()),
        ElectraSchemas.MAINNET,
        watchdog);
  }

  private static CompletableFuture<byte[]> start(final ZkboostZkvmWorker worker, final long n) {
    return worker.prove(new ProofRequest(ZkboostFixtures.block(n), PROOF_TYPE, 1));
  }

  private static byte[] prove(final ZkboostZkvmWorker worker, final long n) {
    return start(worker, n).orTimeout(20, TimeUnit.SECONDS).join();
  }

  private void awaitRequested(final long n) {
    await().atMost(5, TimeUnit.SECONDS)
        .until(() -> zkboost.requestedRoots().contains(ZkboostFixtures.root(n)));
  }
}

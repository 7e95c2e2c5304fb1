package io.zkstateless.validator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.test.zkboost.FakeZkboostServer;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import io.zkstateless.validator.verify.http.HttpProofVerifier;
import io.zkstateless.validator.verify.http.HttpVerifierProperties;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline with an external verifier that hangs: the thread that hands a proof in gets it back
 * at once (the verification runs on a thread of the verifier's), concurrency stays bounded by
 * {@code max-concurrent} and admission by {@code max-waiting}, and the verdicts arrive when the
 * verifier answers.
 */
class AsyncHttpVerificationTest {

  private static final int SP1 = 1;
  private static final int BLOCKS = 4;
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Bytes32 NPR_ROOT = Bytes32.fromHex("0x" + "5a".repeat(32));
  private static final ProofSource PEER = new ProofSource(ProofSource.Kind.GOSSIP, "peer-a");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final ExecutorService replays = Executors.newSingleThreadExecutor();
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch verifierAnswers = new CountDownLatch(1);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private FakeZkboostServer zkboost;
  private ProvenChainService chain;
  private ProvenViewFixture view;

  @BeforeEach
  void setUp() throws Exception {
    zkboost = new FakeZkboostServer(Set.of("reth-sp1"), body -> "unused", 8, Duration.ofSeconds(15));
    zkboost.verdict(
        (root, type, proof) -> {
          try {
            return verifierAnswers.await(20, TimeUnit.SECONDS);
          } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
    view = new ProvenViewFixture();
    chain = view.service(ProvenChainListener.NOOP, clock);
    chain.anchor(block(0));
    for (int n = 1; n <= BLOCKS; n++) {
      chain.recordBlock(block(n));
    }
    chain.updateHead(block(BLOCKS).root());
  }

  @AfterEach
  void tearDown() {
    verifierAnswers.countDown();
    replays.shutdownNow();
    zkboost.close();
    http.close();
    view.close();
  }

  @Test
  void aHangingVerifierDoesNotHoldTheIngestThreadAndItsVerdictsArriveLater() {
    final ProofIngestionPipeline pipeline = pipeline(2, 16);
    final List<CompletableFuture<IngestResult>> results = new ArrayList<>();
    // One thread hands in every proof, as one gossip validation thread would: none waits.
    for (int n = 1; n <= BLOCKS; n++) {
      results.add(pipeline.ingestAsync(proof(n), PEER, OptionalInt.of(SP1)).toCompletableFuture());
    }
    assertThat(results).noneMatch(CompletableFuture::isDone);
    await().until(() -> zkboost.verificationCalls() == 2);

    verifierAnswers.countDown();

    assertThat(results)
        .extracting(CompletableFuture::join)
        .extracting(IngestResult::verdict)
        .containsOnly(Verdict.ACCEPT);
    assertThat(zkboost.maxVerificationsInFlight()).as("max-concurrent").isEqualTo(2);
    for (int n = 1; n <= BLOCKS; n++) {
      assertThat(chain.hasValidProof(payload(n), SP1)).isTrue();
    }
    assertThat(registry.find("validator_http_verifier_admitted").gauge().value()).isZero();
  }

  @Test
  void beyondMaxWaitingAProofIsIgnoredAsBusyAtOnce() {
    final ProofIngestionPipeline pipeline = pipeline(1, 2);
    final CompletableFuture<IngestResult> first =
        pipeline.ingestAsync(proof(1), PEER, OptionalInt.of(SP1)).toCompletableFuture();
    final CompletableFuture<IngestResult> second =
        pipeline.ingestAsync(proof(2), PEER, OptionalInt.of(SP1)).toCompletableFuture();
    final CompletableFuture<IngestResult> third =
        pipeline.ingestAsync(proof(3), PEER, OptionalInt.of(SP1)).toCompletableFuture();

    assertThat(third).isDone();
    assertThat(third.join().verdict()).isEqualTo(Verdict.IGNORE);
    assertThat(third.join().detail()).contains("busy");
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    assertThat(registry.find("validator_http_verifier_admitted").gauge().value()).isEqualTo(2);

    verifierAnswers.countDown();
    assertThat(first.join().verdict()).isEqualTo(Verdict.ACCEPT);
    assertThat(second.join().verdict()).isEqualTo(Verdict.ACCEPT);
    assertThat(chain.hasValidProof(payload(3), SP1)).isFalse();
    assertThat(
            registry
                .find("validator_http_verifier_calls_total")
                .tag("outcome", "busy")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private ProofIngestionPipeline pipeline(final int maxConcurrent, final int maxWaiting) {
    final IngestProperties config =
        new IngestProperties(
            Map.of(), 16, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofDays(7), 1, 3, 100);
    final HttpProofVerifier verifier =
        new HttpProofVerifier(
            "sp1",
            new HttpVerifierProperties(
                zkboost.url(),
                "reth-sp1",
                Duration.ofSeconds(30),
                maxConcurrent,
                Duration.ofSeconds(30),
                16,
                new HttpVerifierProperties.Breaker(3, Duration.ofSeconds(30), 1),
                maxWaiting),
            block -> NPR_ROOT,
            http,
            JsonMapper.builder().build(),
            registry,
            clock);
    return new ProofIngestionPipeline(
        chain,
        ProofTypeRegistry.defaults(),
        Map.of(SP1, verifier),
        config,
        new IngestMetrics(registry),
        clock,
        replays);
  }

  private static ExecutionProof proof(final int n) {
    return new ExecutionProof(
        payload(n), ExecutionProofSubnetId.of(SP1), 1, ImmutableBytes.of(new byte[] {7}), NOW.getEpochSecond());
  }

  private static Bytes32 payload(final int n) {
    return Bytes32.fromHex("0x" + "e" + "0".repeat(61) + String.format("%02x", n));
  }

  private static BeaconBlock block(final int n) {
    final Bytes32 root = Bytes32.fromHex("0x" + "a" + "0".repeat(61) + String.format("%02x", n));
    final Bytes32 parent =
        n == 0 ? Bytes32.ZERO : Bytes32.fromHex("0x" + "a" + "0".repeat(61) + String.format("%02x", n - 1));
    return new BeaconBlock(root, n, parent, payload(n), n, Instant.EPOCH);
  }
}

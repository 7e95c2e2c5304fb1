package io.zkstateless.validator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The pipeline's verdicts when the proof type is checked by an external (zkboost) verifier. */
class HttpVerifierPipelineTest {

  private static final int SP1 = 1;
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Bytes32 NPR_ROOT = Bytes32.fromHex("0x" + "5a".repeat(32));
  private static final byte[] GOOD = {7, 7, 7};
  private static final ProofSource PEER = new ProofSource(ProofSource.Kind.GOSSIP, "peer-a");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final ExecutorService replays = Executors.newSingleThreadExecutor();
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeZkboostServer zkboost;
  private ProvenChainService chain;
  private ProofIngestionPipeline pipeline;

  @BeforeEach
  void setUp() throws Exception {
    zkboost = new FakeZkboostServer(Set.of("reth-sp1"), body -> "unused", 8, Duration.ofSeconds(15));
    zkboost.verdict((root, type, proof) -> root.equals(NPR_ROOT.toHexString()) && Arrays.equals(proof, GOOD));
    final ProvenViewFixture view = new ProvenViewFixture();
    chain = view.service(ProvenChainListener.NOOP, clock);
    final IngestProperties config = new IngestProperties(
        Map.of(), 16, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofDays(7), 1, 3, 100);
    final HttpProofVerifier verifier = new HttpProofVerifier(
        "sp1",
        new HttpVerifierProperties(zkboost.url(), "reth-sp1", Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 16,
            new HttpVerifierProperties.Breaker(3, Duration.ofSeconds(30), 1)),
        block -> NPR_ROOT, http, JsonMapper.builder().build(), new SimpleMeterRegistry(), clock);
    pipeline = new ProofIngestionPipeline(chain, ProofTypeRegistry.defaults(), Map.of(SP1, verifier), config,
        new IngestMetrics(new SimpleMeterRegistry()), clock, replays);
    chain.anchor(block(0));
    chain.recordBlock(block(1));
    chain.updateHead(block(1).root());
  }

  @AfterEach
  void tearDown() {
    replays.shutdownNow();
    zkboost.close();
    http.close();
  }

  @Test
  void invalidVerdictIsRejectedAndValidIsAccepted() {
    final IngestResult bad = ingest(new byte[] {6, 6});
    assertThat(bad.verdict()).isEqualTo(Verdict.REJECT);
    assertThat(bad.reason()).isEqualTo("invalid_proof");
    assertThat(bad.detail()).contains("INVALID");
    assertThat(chain.hasValidProof(payload(1), SP1)).isFalse();

    assertThat(ingest(GOOD).verdict()).isEqualTo(Verdict.ACCEPT);
    assertThat(chain.hasValidProof(payload(1), SP1)).isTrue();
  }

  @Test
  void verifierOutageIsIgnoredNotRejected() {
    zkboost.verifyStatus(503);
    final IngestResult result = ingest(GOOD);
    assertThat(result.verdict()).isEqualTo(Verdict.IGNORE);
    assertThat(result.reason()).isEqualTo("verifier_unavailable");
    assertThat(result.detail()).contains("http_5xx");
  }

  private IngestResult ingest(final byte[] data) {
    final ExecutionProof proof = new ExecutionProof(
        payload(1), ExecutionProofSubnetId.of(SP1), 1, ImmutableBytes.of(data), NOW.getEpochSecond());
    return pipeline.ingest(proof, PEER, OptionalInt.of(SP1));
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

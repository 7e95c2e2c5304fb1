package io.zkstateless.prover.proving.ere;

import static io.zkstateless.prover.proving.ere.EreZkvmWorkerTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.stateless.ExecutionRequests;
import io.zkstateless.common.model.stateless.RequestsHash;
import io.zkstateless.common.model.stateless.StatelessInput;
import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.prover.KnownExecutionRequests;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.proving.ProofRequest;
import io.zkstateless.prover.proving.ProvingException;
import io.zkstateless.prover.watch.BeaconBlocksClient;
import io.zkstateless.prover.watch.WatchProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Blocks with EIP-7685 execution requests through the ere adapter: the requests come with the job
 * (beacon source), from the beacon node by block hash (execution source with a beacon node), or
 * the job fails with a reason that says why.
 */
class EreExecutionRequestsTest {

  private static final Bytes32 GENESIS = Bytes32.fromHex("0x" + "00".repeat(31) + "01");

  private final ElectraExecutionRequests known = KnownExecutionRequests.value();
  private EreTestSupport env;
  private RequestsElBlock block;
  private ScriptedBeaconNode beacon;

  @BeforeEach
  void start() throws Exception {
    env = new EreTestSupport();
    block = RequestsElBlock.of(EestElBlock.load("witness_codes_nested_calls", 0), known);
    block.serveOn(env.el);
    beacon =
        new ScriptedBeaconNode(
            new ScriptedBeaconNode.Block(
                GENESIS.toHexString(), 0, Bytes32.ZERO.toHexString(), Bytes32.ZERO.toHexString(), 0));
  }

  @AfterEach
  void stop() {
    env.close();
    beacon.close();
  }

  @Test
  void theRequestsAreThePublishedVectorAndHashToTheHeader() {
    assertThat(ElectraSchemas.MAINNET.executionRequests().hashTreeRoot(known))
        .isEqualTo(KnownExecutionRequests.ROOT);
    assertThat(block.decoded().requestsHash())
        .isEqualTo(RequestsHash.of(stateless(known)))
        .isNotEqualTo(RequestsHash.of(ExecutionRequests.EMPTY));
  }

  @Test
  void requestsCarriedByTheJobGoIntoTheInput() throws Exception {
    final byte[] proof =
        env.worker().prove(request(Optional.of(known))).get(30, TimeUnit.SECONDS);

    assertThat(proof).isNotEmpty();
    assertThat(sentRequests()).isEqualTo(stateless(known));
  }

  @Test
  void withoutRequestsOrABeaconNodeTheJobFailsForGood() {
    final ProvingException failure = failure(env.worker().prove(request(Optional.empty())));

    assertThat(failure.reason()).isEqualTo("execution_requests_unavailable");
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("prover.watch.beacon-lookup");
    assertThat(env.ere.proveRequests()).isEmpty();
  }

  @Test
  void aJobWithoutRequestsFindsThemOnTheBeaconNodeByBlockHash() throws Exception {
    final String root = "0x" + "aa".repeat(32);
    // A side-branch block at the same slot is a candidate too; its payload differs.
    beacon.addBlockSilently(
        new ScriptedBeaconNode.Block(
            "0x" + "ab".repeat(32), block.decoded().slotNumber(), GENESIS.toHexString(),
            "0x" + "cd".repeat(32), block.decoded().number()));
    beacon.addBlockSilently(
        new ScriptedBeaconNode.Block(
            root, block.decoded().slotNumber(), GENESIS.toHexString(),
            block.hash().toHexString(), block.decoded().number()));
    beacon.setExecutionRequests(root, KnownExecutionRequests.json());

    env.worker(env.config().build(), lookup()).prove(request(Optional.empty()))
        .get(30, TimeUnit.SECONDS);

    assertThat(sentRequests()).isEqualTo(stateless(known));
  }

  @Test
  void aBeaconNodeThatDoesNotKnowTheBlockYetIsRetried() {
    final ProvingException failure =
        failure(env.worker(env.config().build(), lookup()).prove(request(Optional.empty())));

    assertThat(failure.reason()).isEqualTo("execution_requests_not_found");
    assertThat(failure.retryable()).isTrue();
    assertThat(env.ere.proveRequests()).isEmpty();
  }

  @Test
  void requestsThatDoNotHashToTheHeaderEndTheJob() {
    final EestElBlock plain = EestElBlock.load("witness_codes_delegation_chain", 0);
    plain.serveOn(env.el);
    final ProofRequest request =
        new ProofRequest(
            new BlockRef(plain.hash(), plain.block().number(), 1, Bytes32.ZERO, 0,
                Optional.of(known)),
            ProofTypeRegistry.defaults().byName("sp1"),
            1);

    final ProvingException failure = failure(env.worker().prove(request));

    assertThat(failure.reason()).isEqualTo("execution_requests_mismatch");
    assertThat(failure.retryable()).isFalse();
    assertThat(env.ere.proveRequests()).isEmpty();
  }

  private ProofRequest request(final Optional<ElectraExecutionRequests> requests) {
    return new ProofRequest(
        new BlockRef(block.hash(), block.decoded().number(), 1, Bytes32.ZERO, 0, requests),
        ProofTypeRegistry.defaults().byName("sp1"),
        1);
  }

  private ExecutionRequests sentRequests() {
    final StatelessInput input =
        StatelessSchemaRevision.AMSTERDAM_1501.decodeInput(
            FakeEreServer.guestBytes(
                env.ere.proveRequests().getFirst().getInputStdin().toByteArray()));
    return input.newPayloadRequest().executionRequests();
  }

  private static ExecutionRequests stateless(final ElectraExecutionRequests requests) {
    return new ExecutionRequests(
        requests.deposits(),
        requests.withdrawals(),
        requests.consolidations(),
        List.of(),
        List.of());
  }

  private ExecutionRequestsLookup lookup() {
    final WatchProperties config =
        new WatchProperties(
            WatchProperties.Source.EXECUTION,
            beacon.url(),
            Duration.ofSeconds(2),
            Duration.ofMillis(20),
            Duration.ofMillis(100),
            64,
            1 << 20,
            32,
            Duration.ofSeconds(1),
            -1,
            12,
            Duration.ofSeconds(60),
            true);
    return new ExecutionRequestsLookup(
        new BeaconBlocksClient(HttpClient.newHttpClient(), JsonMapper.builder().build(), config));
  }
}

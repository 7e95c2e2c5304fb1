package io.zkstateless.prover.proving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.witness.WitnessProof;
import io.zkstateless.common.model.witness.WitnessProofFormat;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.witness.ExecutionClientSettings;
import io.zkstateless.prover.witness.ExecutionWitness;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import io.zkstateless.prover.witness.RetryScheduler;
import io.zkstateless.prover.witness.WitnessEntries;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The witness adapter against a fixture execution client serving a recorded real witness. */
class WitnessZkvmWorkerTest {

  private static final String FIXTURE = "hoodi-958035";
  private FixtureExecutionClient el;
  private ScheduledExecutorService timer;
  private ExecutorService executor;
  private ExecutionWitnessClient client;
  private Bytes32 hash;

  @BeforeEach
  void start() {
    el = FixtureExecutionClient.start();
    final FixtureBlock block = FixtureBlock.recorded(FIXTURE);
    el.serve(block);
    hash = Bytes32.fromHex(block.hash());
    timer = Executors.newSingleThreadScheduledExecutor();
    executor = Executors.newVirtualThreadPerTaskExecutor();
    client =
        ExecutionWitnessClient.create(
            ExecutionClientSettings.defaults(el.url()),
            Clock.systemUTC(),
            RetryScheduler.of(timer),
            executor);
  }

  @AfterEach
  void stop() {
    el.close();
    timer.shutdownNow();
    executor.shutdownNow();
  }

  @Test
  void proofDataIsTheBlockHeaderAndWitnessInTheSharedWitnessProofFormat() throws Exception {
    final byte[] proofData = worker(64 << 20).prove(request()).get(30, TimeUnit.SECONDS);
    final ExecutionWitness witness = client.fetchWitness(hash).get(30, TimeUnit.SECONDS);

    final WitnessProof proof = WitnessProofFormat.decode(proofData);

    assertThat(Hashes.keccak256(proof.blockHeader().toArray())).isEqualTo(hash);
    assertSameEntries(proof.witness().state(), witness.state());
    assertSameEntries(proof.witness().codes(), witness.codes());
    assertSameEntries(proof.witness().keys(), witness.keys().orElseThrow());
    assertSameEntries(proof.witness().headers(), witness.headers());
  }

  @Test
  void aWitnessAboveTheLimitFailsBeforeAllocating() {
    assertThatThrownBy(() -> worker(1024).prove(request()).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ProvingException.class, e -> assertThat(e.reason()).isEqualTo("witness_too_large"));
  }

  private static void assertSameEntries(final List<ImmutableBytes> actual, final WitnessEntries expected) {
    assertThat(actual.stream().map(ImmutableBytes::toArray).toList()).containsExactlyElementsOf(expected.toList());
  }

  private WitnessZkvmWorker worker(final int maxBytes) {
    return new WitnessZkvmWorker("witness-0", client, maxBytes, executor);
  }

  private ProofRequest request() {
    return new ProofRequest(
        new BlockRef(hash, 958035, 1, Bytes32.ZERO, 0),
        ProofTypeRegistry.defaults().byName("witness"),
        1);
  }
}

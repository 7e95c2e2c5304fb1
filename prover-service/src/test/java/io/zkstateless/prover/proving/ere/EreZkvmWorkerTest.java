package io.zkstateless.prover.proving.ere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.zkstateless.common.model.stateless.StatelessInput;
import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import io.zkstateless.common.test.el.Fault;
import io.zkstateless.prover.proving.ProvingException;
import io.zkstateless.prover.proving.ere.api.ProveRequest;
import io.zkstateless.tools.EestStatelessInputs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of the ere adapter with ere-server: a real EEST block goes from a fixture execution
 * client through the adapter to a fake ere-server that decodes the twirp request the way ere and
 * its guest do.
 */
class EreZkvmWorkerTest {

  private EreTestSupport env;
  private EestElBlock block;

  @BeforeEach
  void start() {
    env = new EreTestSupport();
    block = EestElBlock.load("witness_codes_nested_calls", 0);
    block.serveOn(env.el);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void stdinIsEresLengthPrefixOverTheFixturesOwnStatelessInputBytes() throws Exception {
    env.ere.guestRevision(StatelessSchemaRevision.EEST_V0_3_3);
    final EreZkvmWorker worker =
        env.worker(env.config().revision(StatelessSchemaRevision.EEST_V0_3_3).build());

    final byte[] proof = worker.prove(EreTestSupport.request(block)).get(30, TimeUnit.SECONDS);

    final ProveRequest sent = env.ere.proveRequests().getFirst();
    final byte[] stdin = sent.getInputStdin().toByteArray();
    // Built from the block RLP, witness and access list only, it equals what EEST filled.
    assertThat(FakeEreServer.guestBytes(stdin)).isEqualTo(block.block().statelessInputBytes());
    assertThat(stdin[0] & 0xff | (stdin[1] & 0xff) << 8 | (stdin[2] & 0xff) << 16)
        .isEqualTo(block.block().statelessInputBytes().length);
    assertThat(sent.hasInputProofs()).isFalse();
    assertThat(env.ere.contentTypes()).containsOnly("application/protobuf");
    assertThat(new String(proof, StandardCharsets.US_ASCII)).isEqualTo("proof:" + stdin.length);
  }

  @Test
  void amsterdam1501StdinCarriesTheSchemaIdAndTheToolsInput() throws Exception {
    final byte[] proof =
        env.worker().prove(EreTestSupport.request(block)).get(30, TimeUnit.SECONDS);

    final byte[] guest =
        FakeEreServer.guestBytes(env.ere.proveRequests().getFirst().getInputStdin().toByteArray());
    assertThat(guest[0]).isEqualTo((byte) 0x15);
    assertThat(guest[1]).isEqualTo((byte) 0x01);
    final StatelessInput decoded = StatelessSchemaRevision.AMSTERDAM_1501.decodeInput(guest);
    final StatelessInput expected = EestStatelessInputs.build(block.block());
    assertThat(decoded.newPayloadRequest()).isEqualTo(expected.newPayloadRequest());
    assertThat(decoded.witness()).isEqualTo(expected.witness());
    assertThat(decoded.chainId()).isEqualTo(1);
    assertThat(proof).isNotEmpty();
  }

  @Test
  void aZkvmFailureIsRetryableAndCarriesTheServersMessage() {
    env.ere.next("Prove", new FakeEreServer.ZkvmError("guest panicked: out of memory"));

    final ProvingException failure = failure(env.worker().prove(EreTestSupport.request(block)));

    assertThat(failure.reason()).isEqualTo("ere_prove_failed");
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("guest panicked: out of memory");
  }

  @Test
  void anInputTheServerRefusesEndsTheJobButAServerFaultIsRetried() {
    env.ere.next(
        "Prove",
        new FakeEreServer.Twirp(400, "invalid_argument", "stdin too short"),
        new FakeEreServer.Twirp(500, "internal", "prove panicked"),
        new FakeEreServer.PlainHttp(503, "<html>upstream down</html>"));
    final EreZkvmWorker worker = env.worker();

    final ProvingException refused = failure(worker.prove(EreTestSupport.request(block)));
    final ProvingException internal = failure(worker.prove(EreTestSupport.request(block)));
    final ProvingException proxy = failure(worker.prove(EreTestSupport.request(block)));

    assertThat(refused.reason()).isEqualTo("ere_invalid_argument");
    assertThat(refused.retryable()).isFalse();
    assertThat(refused.getMessage()).contains("stdin too short").contains("server=fake");
    assertThat(internal.reason()).isEqualTo("ere_internal");
    assertThat(internal.retryable()).isTrue();
    assertThat(proxy.reason()).isEqualTo("ere_unavailable");
    assertThat(proxy.retryable()).isTrue();
  }

  @Test
  void aWrongBaseUrlIsABadRouteOfTheWorkerNotTheJob() {
    final EreZkvmWorker worker =
        env.worker(new EreTestSupport.Config(List.of(env.ere.url().resolve("/not-ere/"))).build());

    final ProvingException failure = failure(worker.prove(EreTestSupport.request(block)));

    assertThat(failure.reason()).isEqualTo("ere_bad_route");
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void aProveThatOutlivesItsTimeoutFailsAsATimeout() {
    env.ere.next("Prove", new FakeEreServer.Delay(Duration.ofSeconds(5)));
    final EreZkvmWorker worker =
        env.worker(env.config().proveTimeout(Duration.ofMillis(300)).build());

    final ProvingException failure = failure(worker.prove(EreTestSupport.request(block)));

    assertThat(failure.reason()).isEqualTo("ere_timeout");
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void anUnreachableServerIsRetryable() {
    final URI dead = env.ere.url();
    env.ere.close();
    final EreZkvmWorker worker = env.worker(new EreTestSupport.Config(List.of(dead)).build());

    final ProvingException failure = failure(worker.prove(EreTestSupport.request(block)));

    assertThat(failure.reason()).isEqualTo("ere_unreachable");
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void anOversizedOrUnreadableAnswerIsMalformed() {
    env.ere.next("Prove", new FakeEreServer.Garbage(4096), new FakeEreServer.Garbage(64));
    final EreZkvmWorker worker = env.worker(env.config().maxResponseBytes(1024).build());

    final ProvingException tooLarge = failure(worker.prove(EreTestSupport.request(block)));
    final ProvingException garbage = failure(worker.prove(EreTestSupport.request(block)));

    assertThat(tooLarge.reason()).isEqualTo("ere_malformed_response");
    assertThat(tooLarge.getMessage()).contains("1024");
    assertThat(garbage.reason()).isEqualTo("ere_malformed_response");
  }

  @Test
  void publicValuesForAnotherRequestAreRejectedAndAnInvalidVerdictEndsTheJob() {
    final byte[] otherRoot = new byte[43];
    otherRoot[41] = 0x01;
    otherRoot[42] = 0x15;
    otherRoot[33] = 1;
    otherRoot[32] = 1;
    env.ere.next("Prove", new FakeEreServer.PublicValues(otherRoot));
    final EreZkvmWorker worker = env.worker();

    final ProvingException mismatch = failure(worker.prove(EreTestSupport.request(block)));

    assertThat(mismatch.reason()).isEqualTo("ere_public_values_mismatch");
    assertThat(mismatch.retryable()).isTrue();
  }

  @Test
  void aNegativeFixtureBlockThatTheGuestFindsInvalidIsNotPublished() {
    final EestElBlock invalid = EestElBlock.load("validation_codes_missing_current_frame_code", 0);
    invalid.serveOn(env.el);
    env.ere.guestRevision(StatelessSchemaRevision.EEST_V0_3_3);
    // The fixture's own expected output: successful_validation = 0.
    env.ere.next("Prove", new FakeEreServer.PublicValues(invalid.block().statelessOutputBytes()));
    final EreZkvmWorker worker =
        env.worker(env.config().revision(StatelessSchemaRevision.EEST_V0_3_3).build());

    final ProvingException failure = failure(worker.prove(EreTestSupport.request(invalid)));

    assertThat(failure.reason()).isEqualTo("guest_validation_failed");
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void verifyAfterProveSendsTheProofBackAndAServerThatRejectsItFailsTheAttempt() throws Exception {
    final EreZkvmWorker worker = env.worker(env.config().verifyAfterProve().build());

    final byte[] proof = worker.prove(EreTestSupport.request(block)).get(30, TimeUnit.SECONDS);
    env.ere.next("Verify", new FakeEreServer.ZkvmError("proof does not verify"));
    final ProvingException failure = failure(worker.prove(EreTestSupport.request(block)));

    assertThat(env.ere.verifyRequests().getFirst().getProof().toByteArray()).isEqualTo(proof);
    assertThat(failure.reason()).isEqualTo("ere_self_verify_failed");
    assertThat(failure.retryable()).isTrue();
  }

  @Test
  void anAttemptThePoolTimesOutCompletesAtOnceWhileTheServerIsStillBusy() {
    env.ere.next("Prove", new FakeEreServer.Delay(Duration.ofSeconds(10)));
    final CompletableFuture<byte[]> attempt = env.worker().prove(EreTestSupport.request(block));

    attempt.orTimeout(200, TimeUnit.MILLISECONDS);

    assertThat(catchThrowable(attempt::join)).hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void anAttemptThatEndsWhileTheInputIsStillBeingFetchedSendsNothing() throws Exception {
    env.el.enqueue(
        "debug_getRawBlockAccessList", new Fault.Delay(Duration.ofMillis(800)));
    final CompletableFuture<byte[]> attempt = env.worker().prove(EreTestSupport.request(block));

    attempt.orTimeout(100, TimeUnit.MILLISECONDS);
    assertThat(catchThrowable(attempt::join)).hasCauseInstanceOf(TimeoutException.class);
    Thread.sleep(1500);

    assertThat(env.el.calls("debug_getRawBlockAccessList")).isEqualTo(1);
    assertThat(env.ere.proveRequests()).as("no GPU time for an abandoned attempt").isEmpty();
  }

  @Test
  void withoutTheBlockAccessListTheJobFailsWithAClearReason() {
    final EestElBlock other = EestElBlock.load("witness_codes_delegation_chain", 0);
    other.serveWithoutAccessList(env.el);

    final ProvingException failure = failure(env.worker().prove(EreTestSupport.request(other)));

    assertThat(failure.reason()).isEqualTo("block_access_list_unavailable");
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage()).contains("debug_getRawBlockAccessList");
    assertThat(env.ere.proveRequests()).isEmpty();
  }

  @Test
  void anInputAboveTheLimitIsNotSent() {
    final EreZkvmWorker worker = env.worker(env.config().maxInputBytes(2048).build());

    final ProvingException failure = failure(worker.prove(EreTestSupport.request(block)));

    assertThat(failure.reason()).isEqualTo("input_unbuildable");
    assertThat(failure.retryable()).isFalse();
    assertThat(env.ere.proveRequests()).isEmpty();
  }

  static ProvingException failure(final CompletableFuture<byte[]> attempt) {
    final Throwable thrown = catchThrowable(() -> attempt.get(30, TimeUnit.SECONDS));
    assertThat(thrown).isNotNull();
    final Throwable cause =
        thrown.getCause() instanceof CompletionException c ? c.getCause() : thrown.getCause();
    assertThat(cause).isInstanceOf(ProvingException.class);
    return (ProvingException) cause;
  }
}

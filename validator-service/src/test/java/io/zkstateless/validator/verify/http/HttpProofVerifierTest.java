package io.zkstateless.validator.verify.http;

import static io.zkstateless.validator.verify.http.HttpVerifierFixtures.GOOD;
import static io.zkstateless.validator.verify.http.HttpVerifierFixtures.ROOT;
import static io.zkstateless.validator.verify.http.HttpVerifierFixtures.block;
import static io.zkstateless.validator.verify.http.HttpVerifierFixtures.config;
import static io.zkstateless.validator.verify.http.HttpVerifierFixtures.proof;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.test.zkboost.FakeZkboostServer;
import io.zkstateless.validator.verify.VerificationResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http verifier against a fake zkboost: verdicts, failures, breaker, bulkhead, metrics. */
class HttpProofVerifierTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpVerifierFixtures.ManualClock clock = new HttpVerifierFixtures.ManualClock();
  private FakeZkboostServer zkboost;
  private HttpClient http;

  @BeforeEach
  void start() throws Exception {
    zkboost = HttpVerifierFixtures.server();
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    zkboost.close();
    http.close();
  }

  private HttpProofVerifier verifier(final HttpVerifierProperties config) {
    return HttpVerifierFixtures.verifier(config, b -> ROOT, http, registry, clock);
  }

  private HttpProofVerifier verifier() {
    return verifier(config(zkboost.url(), Duration.ofSeconds(2), 4, Duration.ofSeconds(1)));
  }

  @Test
  void validAndInvalidVerdictsAreTheVerifiers() {
    final HttpProofVerifier verifier = verifier();

    assertThat(verifier.verify(proof(GOOD), block())).isEqualTo(VerificationResult.VALID);
    assertThat(verifier.verify(proof(new byte[] {9}), block()))
        .isInstanceOf(VerificationResult.Invalid.class)
        .asString()
        .contains(ROOT.toHexString());
    assertThat(count("valid")).isEqualTo(1);
    assertThat(count("invalid")).isEqualTo(1);
    assertThat(registry.get("validator_http_verifier_seconds").timer().count()).isEqualTo(2);
  }

  @Test
  void unknownProofTypeTimeoutAndServerErrorsSayNothingAboutTheProof() {
    final HttpVerifierProperties unknown =
        new HttpVerifierProperties(zkboost.url(), "reth-openvm", Duration.ofSeconds(2), 4,
            Duration.ofSeconds(1), 16, new HttpVerifierProperties.Breaker(10, Duration.ofSeconds(30), 1));
    assertThat(verifier(unknown).verify(proof(GOOD), block()))
        .isEqualTo(new VerificationResult.Unavailable(
            "unknown_proof_type: verifier does not know proof type reth-openvm"));

    zkboost.verifyStatus(503);
    assertThat(verifier().verify(proof(GOOD), block()))
        .isEqualTo(new VerificationResult.Unavailable("http_5xx: HTTP 503"));

    zkboost.verifyStatus(200);
    zkboost.verifyDelay(Duration.ofMillis(600));
    final HttpProofVerifier impatient =
        verifier(config(zkboost.url(), Duration.ofMillis(100), 4, Duration.ofSeconds(1)));
    assertThat(impatient.verify(proof(GOOD), block()))
        .isInstanceOf(VerificationResult.Unavailable.class)
        .asString()
        .contains("timeout");

    final HttpProofVerifier down =
        verifier(config(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), 4, Duration.ofSeconds(1)));
    assertThat(down.verify(proof(GOOD), block()).toString()).contains("io_error");
  }

  @Test
  void breakerOpensAfterConsecutiveFailuresAndRecoversThroughHalfOpen() {
    final HttpProofVerifier verifier = verifier();
    zkboost.verifyStatus(500);
    for (int i = 0; i < 3; i++) {
      assertThat(verifier.verify(proof(GOOD), block()).toString()).contains("http_5xx");
    }
    assertThat(verifier.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(verifier.health().available()).isFalse();

    // Open: no call is made, the proof is IGNOREd.
    assertThat(verifier.verify(proof(GOOD), block()).toString()).contains("breaker_open");
    assertThat(zkboost.verificationCalls()).isEqualTo(3);
    assertThat(count("breaker_open")).isEqualTo(1);

    // After the open duration one trial call goes through; it succeeds, the breaker closes.
    zkboost.verifyStatus(200);
    clock.advance(Duration.ofSeconds(31));
    assertThat(verifier.verify(proof(GOOD), block())).isEqualTo(VerificationResult.VALID);
    assertThat(verifier.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(verifier.health().available()).isTrue();
    assertThat(registry.get("validator_http_verifier_breaker_state").gauge().value()).isZero();
  }

  @Test
  void failedTrialCallReopensTheBreaker() {
    final HttpProofVerifier verifier = verifier();
    zkboost.verifyStatus(502);
    for (int i = 0; i < 3; i++) {
      verifier.verify(proof(GOOD), block());
    }
    clock.advance(Duration.ofSeconds(31));

    assertThat(verifier.verify(proof(GOOD), block()).toString()).contains("http_5xx");
    assertThat(verifier.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(zkboost.verificationCalls()).isEqualTo(4);
  }

  @Test
  void concurrencyIsBoundedAndExcessWaitsForASlot() throws Exception {
    zkboost.verifyDelay(Duration.ofMillis(200));
    final HttpProofVerifier verifier =
        verifier(config(zkboost.url(), Duration.ofSeconds(5), 2, Duration.ofSeconds(10)));
    final ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      final List<Future<VerificationResult>> results = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(callers.submit(() -> verifier.verify(proof(GOOD), block())));
      }
      for (final Future<VerificationResult> result : results) {
        assertThat(result.get()).isEqualTo(VerificationResult.VALID);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(zkboost.verificationCalls()).isEqualTo(6);
    assertThat(zkboost.maxVerificationsInFlight()).isEqualTo(2);
  }

  @Test
  void aProofThatFindsNoSlotInTimeIsBusy() throws Exception {
    zkboost.verifyDelay(Duration.ofMillis(500));
    final HttpProofVerifier verifier =
        verifier(config(zkboost.url(), Duration.ofSeconds(5), 1, Duration.ZERO));
    final ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      final Future<VerificationResult> first = caller.submit(() -> verifier.verify(proof(GOOD), block()));
      org.awaitility.Awaitility.await().until(() -> zkboost.verificationCalls() == 1);

      assertThat(verifier.verify(proof(GOOD), block()).toString()).contains("busy");
      assertThat(first.get()).isEqualTo(VerificationResult.VALID);
    } finally {
      caller.shutdownNow();
    }
    assertThat(count("busy")).isEqualTo(1);
  }

  @Test
  void noRootMeansNoCall() {
    final HttpProofVerifier verifier =
        HttpVerifierFixtures.verifier(
            config(zkboost.url(), Duration.ofSeconds(2), 4, Duration.ofSeconds(1)),
            b -> {
              throw new PayloadRequestRoots.RootUnavailableException("fork gloas");
            },
            http, registry, clock);

    assertThat(verifier.verify(proof(GOOD), block()))
        .isEqualTo(new VerificationResult.Unavailable("root_unavailable: fork gloas"));
    assertThat(zkboost.verificationCalls()).isZero();
  }

  private double count(final String outcome) {
    return registry.get("validator_http_verifier_calls_total").tag("outcome", outcome).counter().count();
  }
}

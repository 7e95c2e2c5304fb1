package io.zkstateless.validator.verify.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.test.zkboost.FakeZkboostServer;
import io.zkstateless.validator.chain.BeaconBlock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/** A fake zkboost that judges proofs, and the proofs, blocks and verifiers the tests use. */
final class HttpVerifierFixtures {

  static final String TYPE = "reth-sp1";
  static final Bytes32 ROOT = Bytes32.fromHex("0x" + "5a".repeat(32));
  static final byte[] GOOD = {1, 2, 3, 4};

  private HttpVerifierFixtures() {}

  /** VALID exactly for {@link #GOOD} under {@link #ROOT}; requests are never posted here. */
  static FakeZkboostServer server() throws IOException {
    final FakeZkboostServer server =
        new FakeZkboostServer(
            Set.of(TYPE),
            body -> {
              throw new IllegalArgumentException("not used");
            },
            8,
            Duration.ofSeconds(15));
    server.verdict(
        (root, type, proof) -> root.equals(ROOT.toHexString()) && Arrays.equals(proof, GOOD));
    return server;
  }

  static HttpVerifierProperties config(
      final URI url, final Duration timeout, final int maxConcurrent, final Duration acquire) {
    return new HttpVerifierProperties(
        url, TYPE, timeout, maxConcurrent, acquire, 16,
        new HttpVerifierProperties.Breaker(3, Duration.ofSeconds(30), 1));
  }

  static HttpProofVerifier verifier(
      final HttpVerifierProperties config,
      final PayloadRequestRoots roots,
      final HttpClient http,
      final MeterRegistry registry,
      final Clock clock) {
    return new HttpProofVerifier(
        "sp1", config, roots, http, JsonMapper.builder().build(), registry, clock);
  }

  static BeaconBlock block() {
    return new BeaconBlock(
        Bytes32.fromHex("0x" + "bb".repeat(32)), 10, Bytes32.fromHex("0x" + "aa".repeat(32)),
        Bytes32.fromHex("0x" + "ee".repeat(32)), 100, Instant.EPOCH);
  }

  static ExecutionProof proof(final byte[] data) {
    return new ExecutionProof(
        block().executionBlockHash(), ExecutionProofSubnetId.of(1), 1, ImmutableBytes.of(data),
        1_700_000_000);
  }

  /** A clock the test moves by hand (the breaker's open duration). */
  static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-25T12:00:00Z");

    void advance(final Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(final ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

package io.zkstateless.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkstateless.common.test.lodestar.LodestarInstall;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs the real devnet on Lodestar 1.5.1 ({@code --beacon=lodestar}) for a short while: the prover
 * follows Lodestar's event stream and proves the restamped recorded blocks Lodestar's payloads name,
 * the validator follows Lodestar's head and verifies the gossiped proofs, and afterwards no process
 * is left, Lodestar included. Skipped, saying why, without Node or without {@code npm ci} in
 * {@code common-test/lodestar} ({@code .ci/run} installs it).
 */
class DevnetLodestarSmokeTest {

  @Test
  void provesLodestarsBlocksEndToEndAndLeavesNoProcessBehind() throws Exception {
    final Optional<String> unavailable = LodestarInstall.unavailableReason();
    assumeTrue(unavailable.isEmpty(), () -> "Lodestar cannot run here: " + unavailable.orElseThrow());
    final DevnetRun run =
        DevnetRun.launch(
            "lodestar-smoke-run",
            List.of(
                "--beacon", "lodestar",
                "--slot-time", "2",
                "--mock-proving-time", "0.2",
                "--duration", "30"));
    assertThat(run.transcript()).contains("devnet: beacon node: Lodestar 1.5.1 dev (--beacon=lodestar)");
    assertThat(run.started())
        .extracting(DevnetRun.Started::name)
        .contains(
            "lodestar",
            "execution-stand-in",
            "kafka",
            "postgres",
            "validator-service",
            "broadcaster-service",
            "prover-service");
    run.assertProvedBlocks(3);
    run.assertNothingLeftBehind();
  }
}

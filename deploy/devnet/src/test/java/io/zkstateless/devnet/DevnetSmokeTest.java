package io.zkstateless.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the real devnet with the simulated beacon node for a short while, then checks that blocks
 * got proven through the whole pipeline and that every process it started, PostgreSQL's included,
 * is gone afterwards. ({@link DevnetLodestarSmokeTest} does the same on Lodestar.)
 */
class DevnetSmokeTest {

  @Test
  void provesBlocksEndToEndAndLeavesNoProcessBehind() throws Exception {
    final DevnetRun run =
        DevnetRun.launch(
            "smoke-run",
            List.of(
                "--beacon", "simulated",
                "--slot-time", "2",
                "--mock-proving-time", "0.2",
                "--duration", "24"));
    assertThat(run.transcript()).contains("devnet: beacon node: simulated (--beacon=simulated)");
    assertThat(run.started())
        .extracting(DevnetRun.Started::name)
        .contains(
            "simulated-chain",
            "kafka",
            "postgres",
            "validator-service",
            "broadcaster-service",
            "prover-service");
    run.assertProvedBlocks(3);
    run.assertNothingLeftBehind();
  }
}

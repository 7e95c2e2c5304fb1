package io.zkstateless.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BeaconChoiceTest {

  private static final Path RUN_DIR = Path.of("/tmp/devnet-default");

  private static BeaconChoice resolve(final Optional<String> unavailable, final String... args) {
    return BeaconChoice.resolve(DevnetOptions.parse(args, RUN_DIR), () -> unavailable);
  }

  @Test
  void autoPicksLodestarWhenItCanRunAndSaysWhy() {
    final BeaconChoice choice = resolve(Optional.empty());
    assertThat(choice.mode()).isEqualTo(BeaconMode.LODESTAR);
    assertThat(choice.describe()).contains("Lodestar 1.5.1", "auto: node is on the PATH");
  }

  @Test
  void autoFallsBackToTheSimulatedNodeWithTheReason() {
    final BeaconChoice choice = resolve(Optional.of("node is not on the PATH"));
    assertThat(choice.mode()).isEqualTo(BeaconMode.SIMULATED);
    assertThat(choice.describe()).isEqualTo("devnet: beacon node: simulated (auto: node is not on the PATH)");
  }

  @Test
  void autoWithAFractionalSlotTimeIsSimulatedWithoutAskingForNode() {
    final BeaconChoice choice =
        BeaconChoice.resolve(
            DevnetOptions.parse(new String[] {"--slot-time", "1.5"}, RUN_DIR),
            () -> {
              throw new AssertionError("not needed");
            });
    assertThat(choice.mode()).isEqualTo(BeaconMode.SIMULATED);
    assertThat(choice.reason()).contains("whole seconds");
  }

  @Test
  void explicitModesAreKeptAndLodestarFailsLoudlyWhenItCannotRun() {
    assertThat(resolve(Optional.empty(), "--beacon=simulated").mode()).isEqualTo(BeaconMode.SIMULATED);
    assertThat(resolve(Optional.empty(), "--beacon", "lodestar").mode()).isEqualTo(BeaconMode.LODESTAR);
    assertThatThrownBy(() -> resolve(Optional.of("Lodestar is not installed: run `npm ci` in x"), "--beacon=lodestar"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("--beacon=lodestar, but Lodestar is not installed: run `npm ci` in x");
  }
}

package io.zkstateless.devnet;

import io.zkstateless.common.test.lodestar.LodestarInstall;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The beacon node the devnet will run, with the reason, printed at start-up so nobody has to
 * guess why {@code auto} picked what it picked.
 *
 * @param mode {@link BeaconMode#LODESTAR} or {@link BeaconMode#SIMULATED}, never auto
 * @param reason why
 */
public record BeaconChoice(BeaconMode mode, String reason) {

  /**
   * Resolves {@code --beacon}. {@code lodestarUnavailable} says why Lodestar cannot run here (node
   * missing, not installed), empty when it can ({@link LodestarInstall#unavailableReason}).
   *
   * @throws IllegalStateException if Lodestar was asked for and cannot run
   */
  public static BeaconChoice resolve(
      final DevnetOptions options, final Supplier<Optional<String>> lodestarUnavailable) {
    return switch (options.beacon()) {
      case SIMULATED -> new BeaconChoice(BeaconMode.SIMULATED, "--beacon=simulated");
      case LODESTAR -> {
        final Optional<String> unavailable = lodestarUnavailable.get();
        if (unavailable.isPresent()) {
          throw new IllegalStateException("--beacon=lodestar, but " + unavailable.get());
        }
        yield new BeaconChoice(BeaconMode.LODESTAR, "--beacon=lodestar");
      }
      case AUTO -> {
        if (!BeaconMode.lodestarCanRun(options.slotTime())) {
          yield new BeaconChoice(
              BeaconMode.SIMULATED,
              "auto: the slot time is not whole seconds, which Lodestar needs");
        }
        final Optional<String> unavailable = lodestarUnavailable.get();
        yield unavailable
            .map(why -> new BeaconChoice(BeaconMode.SIMULATED, "auto: " + why))
            .orElseGet(
                () ->
                    new BeaconChoice(
                        BeaconMode.LODESTAR,
                        "auto: node is on the PATH and Lodestar is installed in "
                            + LodestarInstall.directory()));
      }
    };
  }

  /** The line the launcher prints. */
  public String describe() {
    return mode == BeaconMode.LODESTAR
        ? "devnet: beacon node: Lodestar 1.5.1 dev (" + reason + ")"
        : "devnet: beacon node: simulated (" + reason + ")";
  }
}

package io.zkstateless.devnet;

import java.time.Duration;
import java.util.Locale;

/** {@code --beacon}: which beacon node the devnet runs. */
public enum BeaconMode {
  /** Lodestar 1.5.1 in dev mode, its execution payloads the restamped recorded blocks. */
  LODESTAR,
  /** The built-in simulated beacon node ({@code SimulatedChainMain}). */
  SIMULATED,
  /** Lodestar when it can run here, the simulated node otherwise. */
  AUTO;

  /** {@code null} (option absent) is {@link #AUTO}. */
  static BeaconMode parse(final String value) {
    if (value == null) {
      return AUTO;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "lodestar" -> LODESTAR;
      case "simulated" -> SIMULATED;
      case "auto" -> AUTO;
      default ->
          throw new DevnetOptions.UsageException(
              "--beacon must be lodestar, simulated or auto: '" + value + "'");
    };
  }

  /** Lodestar's {@code SECONDS_PER_SLOT} is a whole number. */
  static boolean lodestarCanRun(final Duration slotTime) {
    return slotTime.toMillis() % 1000 == 0;
  }
}

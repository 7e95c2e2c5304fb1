package io.zkstateless.common.test.lodestar;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code lodestar dev} as this repository runs it: minimal preset, {@code
 * validators} interop validators all inside the node, the given genesis time and slot length,
 * Altair, Bellatrix and Capella at epoch 0 (every block carries a Capella execution payload), TTD
 * override 0, the Engine API at {@code engineUrl}, REST and libp2p TCP on 127.0.0.1 only,
 * discovery off, {@code --reset} of {@code dataDir}.
 *
 * <p>Run it with {@code dataDir} as the working directory ({@code lodestar dev} writes {@code
 * genesis.ssz} there) and with {@link #environment()} added to the environment.
 *
 * @param genesisTime unix seconds; must lie far enough ahead for the node to start (Lodestar only
 *     produces blocks while its head is at most 8 slots behind the clock)
 * @param validators interop validators (keys 0..validators-1), all run by this node
 * @param secondsPerSlot {@code SECONDS_PER_SLOT}
 * @param engineUrl the Engine API (e.g. a {@link MockEngineApi})
 * @param jwtSecret file with the hex JWT secret (the mock engine does not check it)
 * @param restPort Beacon API port
 * @param p2pPort libp2p TCP port
 * @param dataDir Lodestar's data directory, also the working directory
 * @param logLevel {@code --logLevel} ({@code info}, {@code verbose}, {@code debug})
 */
public record LodestarDevCommand(
    long genesisTime,
    int validators,
    int secondsPerSlot,
    URI engineUrl,
    Path jwtSecret,
    int restPort,
    int p2pPort,
    Path dataDir,
    String logLevel) {

  public LodestarDevCommand {
    if (validators < 1 || secondsPerSlot < 1) {
      throw new IllegalArgumentException("need at least one validator and one second per slot");
    }
  }

  /** {@code node <lodestar entry point> dev <options>}. */
  public List<String> command() {
    final List<String> command =
        new ArrayList<>(List.of("node", LodestarInstall.entryPoint().toString(), "dev"));
    command.addAll(
        List.of(
            "--preset", "minimal",
            "--genesisValidators", Integer.toString(validators),
            "--startValidators", "0.." + (validators - 1),
            "--genesisTime", Long.toString(genesisTime),
            "--params.SECONDS_PER_SLOT", Integer.toString(secondsPerSlot),
            "--params.ALTAIR_FORK_EPOCH", "0",
            "--params.BELLATRIX_FORK_EPOCH", "0",
            "--params.CAPELLA_FORK_EPOCH", "0",
            "--terminal-total-difficulty-override", "0",
            "--execution.urls", engineUrl.toString(),
            "--jwt-secret", jwtSecret.toString(),
            "--listenAddress", "127.0.0.1",
            "--port", Integer.toString(p2pPort),
            "--discv5", "false",
            "--mdns", "false",
            "--rest.address", "127.0.0.1",
            "--rest.port", Integer.toString(restPort),
            "--rest.namespace", "*",
            // The built-in validator client otherwise looks for the REST API on 9596.
            "--server", "http://127.0.0.1:" + restPort,
            "--dataDir", dataDir.toString(),
            "--reset",
            "--logLevel", logLevel));
    return command;
  }

  /**
   * {@code NODE_OPTIONS} loading the {@code Promise.withResolvers} polyfill (Node 20); worker
   * threads inherit it.
   */
  public Map<String, String> environment() {
    return Map.of("NODE_OPTIONS", "--import=" + LodestarInstall.polyfill().toUri());
  }
}

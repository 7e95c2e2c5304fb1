package io.zkstateless.devnet;

import io.zkstateless.devnet.chain.EndpointsFile;
import io.zkstateless.devnet.chain.SimulatedChain;
import io.zkstateless.devnet.chain.SimulatedChainMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The built-in simulated chain ({@link SimulatedChainMain}) as one process: a scripted beacon node
 * and the execution client stand-in. It makes its first slot only when {@link #release} creates
 * the start file, so no block's proofs are gossiped before the validator subscribes.
 */
final class SimulatedChainProcess implements DevnetChain {

  private final DevnetOptions options;
  private final ProcessSupervisor supervisor;
  private final JavaCommand java;
  private final Path endpointsFile;
  private final Path startFile;
  private final Path log;

  SimulatedChainProcess(
      final DevnetOptions options,
      final ProcessSupervisor supervisor,
      final JavaCommand java,
      final Path runDir) {
    this.options = options;
    this.supervisor = supervisor;
    this.java = java;
    this.endpointsFile = runDir.resolve("chain-endpoints.properties");
    this.startFile = runDir.resolve("chain-start");
    this.log = runDir.resolve("chain.log");
  }

  @Override
  public void start() {
    final List<String> chain = new ArrayList<>(java.command("chain", 256));
    chain.add("-Ddevnet.log.level=INFO");
    chain.add(SimulatedChainMain.class.getName());
    chain.add(String.valueOf(options.slotTime().toMillis()));
    chain.add(String.join(",", options.fixtures()));
    chain.add(endpointsFile.toString());
    chain.add(startFile.toString());
    supervisor.start("simulated-chain", chain, Map.of(), log);
  }

  @Override
  public Endpoints awaitEndpoints(final StartupCheck startup)
      throws IOException, InterruptedException {
    while (!Files.exists(endpointsFile)) {
      startup.check("the simulated chain (see " + log + ")");
      Thread.sleep(200);
    }
    final Properties endpoints = EndpointsFile.read(endpointsFile);
    final Map<String, String> printed = new LinkedHashMap<>();
    printed.put("beacon node (sim)", endpoints.getProperty("beacon.url"));
    printed.put("execution client", endpoints.getProperty("execution.url"));
    return new Endpoints(
        endpoints.getProperty("beacon.url"), endpoints.getProperty("execution.url"), printed);
  }

  @Override
  public void release(final StartupCheck startup) throws IOException {
    Files.createFile(startFile);
  }

  @Override
  public int slotsPerEpoch() {
    return SimulatedChain.SLOTS_PER_EPOCH;
  }
}

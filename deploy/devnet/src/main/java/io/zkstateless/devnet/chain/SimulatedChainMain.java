package io.zkstateless.devnet.chain;

import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated chain as its own process: {@code <slot-millis> <fixture,fixture,...>
 * <endpoints-file> <start-file>}. Writes the beacon and execution-client URLs to the endpoints
 * file (a properties file, written atomically) once both serve; once the start file exists (the
 * launcher creates it when the services listen, so no block's proofs are gossiped before anyone
 * subscribes), advances a slot every slot time until it is terminated.
 */
public final class SimulatedChainMain {

  private SimulatedChainMain() {}

  public static void main(final String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println(
          "usage: SimulatedChainMain <slot-millis> <fixtures> <endpoints-file> <start-file>");
      System.exit(2);
    }
    final long slotMillis = Long.parseLong(args[0]);
    final List<RecordedBlockTemplate> templates =
        Arrays.stream(args[1].split(",")).map(RecordedBlockTemplate::load).toList();
    final FixtureExecutionClient executionClient = FixtureExecutionClient.start();
    final SimulatedChain chain =
        SimulatedChain.atGenesis(templates, executionClient, SimulatedChainMain::beaconNode);
    final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ticker.shutdownNow();
                  chain.beacon().close();
                  executionClient.close();
                  stopped.countDown();
                }));
    EndpointsFile.write(
        Path.of(args[2]),
        Map.of("beacon.url", chain.beacon().url().toString(), "execution.url", executionClient.url()));
    System.out.printf(
        "simulated chain: beacon %s, execution client %s, slot %d ms, blocks from %s%n",
        chain.beacon().url(), executionClient.url(), slotMillis, args[1]);
    final Path startFile = Path.of(args[3]);
    while (!Files.exists(startFile)) {
      Thread.sleep(100);
    }
    System.out.println("simulated chain: started slot production");
    ticker.scheduleAtFixedRate(
        () -> {
          try {
            final SimulatedChain.SlotBlock block = chain.advance();
            System.out.printf(
                "slot %d root %s execution block %s #%d (from %s)%n",
                block.slot(), block.root(), block.executionHash(), block.executionNumber(),
                block.template());
          } catch (final RuntimeException e) {
            e.printStackTrace();
          }
        },
        slotMillis,
        slotMillis,
        TimeUnit.MILLISECONDS);
    stopped.await();
  }

  private static ScriptedBeaconNode beaconNode(final ScriptedBeaconNode.Block genesis) {
    try {
      return new ScriptedBeaconNode(genesis);
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot start the simulated beacon node", e);
    }
  }
}

package io.zkstateless.devnet.chain;

import io.zkstateless.common.test.el.FixtureExecutionClient;
import io.zkstateless.common.test.lodestar.ExecutionPayloadSource;
import io.zkstateless.common.test.lodestar.MockEngineApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The execution side of the Lodestar devnet as its own process: {@code <genesis-time-file>
 * <seconds-per-slot> <fixture,fixture,...> <engine-port> <execution-port> <endpoints-file>}.
 * Lodestar's Engine API ({@link MockEngineApi}; the ports are chosen by the launcher, so Lodestar
 * and the services can be given the URLs before this process listens) builds its payloads from the restamped recorded blocks ({@link RecordedPayloadSource}),
 * and the execution client stand-in ({@link FixtureExecutionClient}) serves each one's header, raw
 * block and witness to the prover. The genesis time (unix seconds) is read from its file for every
 * payload: the launcher rewrites it when it restarts Lodestar with a later genesis. Writes {@code execution.url} and {@code engine.url} to the
 * endpoints file once both listen; runs until terminated.
 */
public final class LodestarExecutionMain {

  private LodestarExecutionMain() {}

  public static void main(final String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println(
          "usage: LodestarExecutionMain <genesis-time-file> <seconds-per-slot> <fixtures> <engine-port>"
              + " <execution-port> <endpoints-file>");
      System.exit(2);
    }
    final Path genesisFile = Path.of(args[0]);
    final LongSupplier genesisTime = () -> readGenesis(genesisFile);
    final int secondsPerSlot = Integer.parseInt(args[1]);
    final List<RecordedBlockTemplate> templates =
        Arrays.stream(args[2].split(",")).map(RecordedBlockTemplate::load).toList();
    final FixtureExecutionClient executionClient =
        FixtureExecutionClient.start(Integer.parseInt(args[4]));
    final RecordedPayloadSource payloads =
        new RecordedPayloadSource(templates, executionClient, genesisTime, secondsPerSlot);
    final MockEngineApi engine = MockEngineApi.start(logged(payloads), Integer.parseInt(args[3]));
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  engine.close();
                  executionClient.close();
                  stopped.countDown();
                }));
    EndpointsFile.write(
        Path.of(args[5]),
        Map.of("execution.url", executionClient.url(), "engine.url", engine.url().toString()));
    System.out.printf(
        "execution stand-in: engine API %s, execution client %s, genesis %d, %d s slots,"
            + " blocks from %s%n",
        engine.url(), executionClient.url(), genesisTime.getAsLong(), secondsPerSlot, args[2]);
    stopped.await();
  }

  private static long readGenesis(final Path file) {
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot read the genesis time from " + file, e);
    }
  }

  /** Logs every payload handed to Lodestar and every one it imported. */
  private static ExecutionPayloadSource logged(final ExecutionPayloadSource source) {
    return new ExecutionPayloadSource() {
      @Override
      public ObjectNode build(final String parentHash, final JsonNode attributes) {
        final ObjectNode payload = source.build(parentHash, attributes);
        System.out.printf(
            "payload built: block %s #%d on %s, timestamp %d%n",
            payload.path("blockHash").asString(),
            Long.decode(payload.path("blockNumber").asString()),
            parentHash,
            Long.decode(payload.path("timestamp").asString()));
        return payload;
      }

      @Override
      public void imported(final JsonNode payload) {
        source.imported(payload);
        System.out.printf("payload imported: %s%n", payload.path("blockHash").asString());
      }
    };
  }
}

package io.zkstateless.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The launcher's command-line options ({@code --name value} or {@code --name=value}).
 *
 * @param beacon which beacon node to run ({@code --beacon}); {@link BeaconMode#AUTO} is resolved
 *     later, by {@link BeaconChoice}
 * @param slotTime time between slots
 * @param proofTypes proof types made by the prover and verified by the validator
 * @param minProofs distinct proof types a block needs to count as proven
 * @param mockProvingTime how long the mock prover takes per proof
 * @param fixtures recorded blocks the simulated chain stamps its blocks from, in turn
 * @param duration stop by itself after this long; zero runs until Ctrl-C
 * @param runDir where logs, data and keys go
 * @param localKafkaPath also feed the validator straight from Kafka, not only through gossip
 * @param ports every port the devnet listens on, by name (see {@link #PORT_NAMES})
 */
public record DevnetOptions(
    BeaconMode beacon,
    Duration slotTime,
    List<String> proofTypes,
    int minProofs,
    Duration mockProvingTime,
    List<String> fixtures,
    Duration duration,
    Path runDir,
    boolean localKafkaPath,
    Map<String, Integer> ports) {

  /** The proof types the built-in provers make (witness: subnet 0, mock: subnet 7). */
  public static final Set<String> SUPPORTED_PROOF_TYPES = Set.of("mock", "witness");

  /**
   * The recorded blocks that carry a raw block (the witness prover needs one): all of {@code
   * Fixtures.WITNESSES} but {@code hoodi-1265656}.
   */
  public static final List<String> DEFAULT_FIXTURES =
      List.of("hoodi-51632", "hoodi-958035", "mainnet-24341035", "mainnet-24628608");

  /** Port option names and their defaults. */
  public static final Map<String, Integer> PORT_NAMES = defaultPorts();

  /** Thrown for a bad command line; the message says what is wrong. */
  public static final class UsageException extends RuntimeException {
    public UsageException(final String message) {
      super(message);
    }
  }

  /** {@code null} when {@code --help} was asked for. */
  public static DevnetOptions parse(final String[] args, final Path defaultRunDir) {
    final Map<String, String> values = new LinkedHashMap<>();
    boolean freePorts = false;
    boolean localKafka = false;
    for (int i = 0; i < args.length; i++) {
      final String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return null;
      }
      if (arg.equals("--free-ports")) {
        freePorts = true;
        continue;
      }
      if (arg.equals("--validator-kafka")) {
        localKafka = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      final int eq = arg.indexOf('=');
      if (eq > 0) {
        values.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        values.put(arg.substring(2), args[++i]);
      } else {
        throw new UsageException(arg + " needs a value");
      }
    }
    final BeaconMode beacon = BeaconMode.parse(values.remove("beacon"));
    final Duration slotTime = seconds(values.remove("slot-time"), "4", "slot-time", 0.5);
    if (beacon == BeaconMode.LODESTAR && !BeaconMode.lodestarCanRun(slotTime)) {
      throw new UsageException("--beacon=lodestar needs a --slot-time of whole seconds");
    }
    final List<String> proofTypes = list(values.remove("proof-types"), "mock,witness");
    for (final String type : proofTypes) {
      if (!SUPPORTED_PROOF_TYPES.contains(type)) {
        throw new UsageException(
            "--proof-types: '" + type + "' is not one of " + SUPPORTED_PROOF_TYPES);
      }
    }
    final int minProofs =
        integer(values.remove("min-proofs"), String.valueOf(proofTypes.size()), "min-proofs");
    if (minProofs < 1 || minProofs > proofTypes.size()) {
      throw new UsageException("--min-proofs must be between 1 and the number of proof types");
    }
    final Duration proving = seconds(values.remove("mock-proving-time"), "1", "mock-proving-time", 0);
    final List<String> fixtures =
        list(values.remove("fixtures"), String.join(",", DEFAULT_FIXTURES));
    final Duration duration = seconds(values.remove("duration"), "0", "duration", 0);
    final String runDir = values.remove("run-dir");
    final Map<String, Integer> ports = new LinkedHashMap<>();
    PORT_NAMES.forEach(
        (name, port) -> {
          final int value = integer(values.remove(name), String.valueOf(port), name);
          if (value < 0 || value > 65_535) {
            throw new UsageException("--" + name + " must be a TCP port (0 picks a free one)");
          }
          ports.put(name, value);
        });
    if (!values.isEmpty()) {
      throw new UsageException("unknown option --" + values.keySet().iterator().next());
    }
    if (freePorts) {
      ports.replaceAll((name, port) -> 0);
    }
    ports.replaceAll((name, port) -> port == 0 ? freePort() : port);
    return new DevnetOptions(
        beacon,
        slotTime,
        proofTypes,
        minProofs,
        proving,
        fixtures,
        duration,
        runDir == null ? defaultRunDir : Path.of(runDir),
        localKafka,
        Map.copyOf(ports));
  }

  public int port(final String name) {
    return ports.get(name);
  }

  public static String usage() {
    final StringBuilder text =
        new StringBuilder(
            """
            Usage: ./devnet.sh [options]

            Starts a local zk-stateless devnet on this machine: a Kafka broker (KRaft), PostgreSQL,
            a beacon node (Lodestar 1.5.1 in dev mode, or a built-in simulated one), an execution
            client stand-in serving recorded real witnesses, and the prover, broadcaster and
            validator services, each as its own process. Prints one progress line per slot;
            Ctrl-C stops every process it started.

            Options:
              --beacon <mode>          lodestar: Lodestar 1.5.1 dev (needs node; devnet.sh runs
                                       npm ci in common-test/lodestar when node_modules is missing);
                                       simulated: the built-in beacon node;
                                       auto (default): lodestar when node is on the PATH and
                                       Lodestar is installed, else simulated (it says which and why)
              --slot-time <s>          seconds per slot (default 4, at least 0.5; whole seconds
                                       for Lodestar)
              --proof-types <list>     proof types to prove and verify: mock,witness (default both)
              --min-proofs <n>         distinct proof types a block needs to be proven
                                       (default: the number of proof types)
              --mock-proving-time <s>  seconds the mock prover spends per proof (default 1)
              --fixtures <list>        recorded blocks the chain stamps its blocks from, in turn
                                       (default %s)
              --duration <s>           stop by itself this many seconds after start-up
                                       (default 0: run until Ctrl-C)
              --run-dir <path>         logs, data and node keys (default deploy/devnet/target/runs/<time>)
              --validator-kafka        also feed the validator from Kafka (default: gossip only)
              --free-ports             pick free ports for everything (overrides the port options)
              --help                   this text

            Ports (0 picks a free one):
            """
                .formatted(String.join(",", DEFAULT_FIXTURES)));
    PORT_NAMES.forEach(
        (name, port) -> text.append(String.format(Locale.ROOT, "  --%-30s default %d%n", name + " <port>", port)));
    return text.toString();
  }

  private static Map<String, Integer> defaultPorts() {
    final Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("validator-port", 8083);
    ports.put("prover-port", 8081);
    ports.put("broadcaster-port", 8082);
    ports.put("kafka-port", 9092);
    ports.put("kafka-controller-port", 9093);
    ports.put("postgres-port", 15432);
    ports.put("validator-p2p-port", 9000);
    ports.put("broadcaster-p2p-port", 9001);
    return Collections.unmodifiableMap(ports);
  }

  private static Duration seconds(
      final String value, final String fallback, final String name, final double min) {
    final String text = value == null ? fallback : value;
    final double seconds;
    try {
      seconds = Double.parseDouble(text);
    } catch (final NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number of seconds: '" + text + "'");
    }
    if (!(seconds >= min) || seconds > 86_400) {
      throw new UsageException("--" + name + " must be between " + min + " and 86400 seconds");
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static int integer(final String value, final String fallback, final String name) {
    final String text = value == null ? fallback : value;
    try {
      return Integer.parseInt(text);
    } catch (final NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number: '" + text + "'");
    }
  }

  private static List<String> list(final String value, final String fallback) {
    final List<String> items = new ArrayList<>();
    for (final String item : (value == null ? fallback : value).split(",")) {
      if (!item.isBlank() && !items.contains(item.trim())) {
        items.add(item.trim());
      }
    }
    if (items.isEmpty()) {
      throw new UsageException("an empty list: '" + value + "'");
    }
    return List.copyOf(items);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot find a free port", e);
    }
  }
}

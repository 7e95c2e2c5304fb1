package io.zkstateless.common.test.beacon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A beacon node on 127.0.0.1 that serves the Beacon API subset followers use, driven by the test:
 * {@code GET /eth/v1/beacon/headers/{head|finalized|root}}, {@code GET /eth/v1/beacon/headers?slot=&parent_root=}
 * (every known block that matches, side branches included, with its {@code canonical} flag, as
 * Lodestar and Prysm answer; Teku and Lighthouse list canonical blocks only), {@code GET
 * /eth/v2/beacon/blocks/{root}} (with {@code execution_requests} once set for the block)
 * {@code GET /eth/v1/beacon/states/head/finality_checkpoints}, and the SSE stream {@code GET /eth/v1/events} with {@code head}, {@code block}, {@code
 * finalized_checkpoint} and {@code chain_reorg}, plus the config endpoints {@code
 * /eth/v1/beacon/genesis}, {@code /eth/v1/config/fork_schedule} and {@code /eth/v1/config/spec}
 * once the test sets them. Tests add blocks, move the head (emitting the
 * events a real node emits), finalize, drop the stream, or inject raw junk events.
 */
public final class ScriptedBeaconNode implements AutoCloseable {

  /** A block as the script describes it; hex strings with {@code 0x}. */
  public record Block(String root, long slot, String parentRoot, String executionBlockHash, long executionBlockNumber) {}

  private final HttpServer server;
  private final Map<String, Block> blocks = new ConcurrentHashMap<>();
  private final Map<String, String> executionRequests = new ConcurrentHashMap<>();
  private final Map<String, String> blockJson = new ConcurrentHashMap<>();
  private final List<OutputStream> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicInteger subscriptions = new AtomicInteger();
  private volatile String head;
  private volatile String finalized;
  private volatile boolean refuseEvents;
  private volatile String genesisJson;
  private volatile String forkScheduleJson;
  private volatile String specJson;

  public ScriptedBeaconNode(final Block genesis) throws IOException {
    blocks.put(genesis.root(), genesis);
    head = genesis.root();
    finalized = genesis.root();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()));
    server.createContext("/eth/v1/beacon/headers/", this::header);
    server.createContext("/eth/v1/beacon/headers", this::headers);
    server.createContext("/eth/v2/beacon/blocks/", this::block);
    server.createContext("/eth/v1/events", this::events);
    server.createContext("/eth/v1/beacon/states/head/finality_checkpoints", this::finalityCheckpoints);
    server.createContext("/eth/v1/beacon/genesis", exchange -> config(exchange, genesisJson));
    server.createContext("/eth/v1/config/fork_schedule", exchange -> config(exchange, forkScheduleJson));
    server.createContext("/eth/v1/config/spec", exchange -> config(exchange, specJson));
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Adds a block (of any branch) and emits a {@code block} event. */
  public void addBlock(final Block block) {
    blocks.put(block.root(), block);
    emit("block", "{\"slot\":\"" + block.slot() + "\",\"block\":\"" + block.root() + "\",\"execution_optimistic\":false}");
  }

  /**
   * Serves {@code json} as the whole {@code GET /eth/v2/beacon/blocks/{root}} answer instead of the
   * minimal Deneb-shaped one (for consumers that need a full Electra/Fulu block).
   */
  public void serveBlockJson(final String root, final String json) {
    blockJson.put(root, json);
  }

  /** Adds a block without telling subscribers (as if the event was lost). */
  public void addBlockSilently(final Block block) {
    blocks.put(block.root(), block);
  }

  /**
   * Serves {@code body.execution_requests} in the block's JSON: {@code json} is the raw object,
   * e.g. {@code {"deposits":[],"withdrawals":[],"consolidations":[]}}.
   */
  public void setExecutionRequests(final String root, final String json) {
    executionRequests.put(root, json);
  }

  /** Moves the head and emits {@code head}. */
  public void setHead(final String root) {
    head = root;
    emit("head", "{\"slot\":\"" + blocks.get(root).slot() + "\",\"block\":\"" + root
        + "\",\"state\":\"" + root + "\",\"epoch_transition\":false,\"execution_optimistic\":false}");
  }

  /** Moves the head without telling subscribers. */
  public void setHeadSilently(final String root) {
    head = root;
  }

  /** Emits {@code chain_reorg} and then {@code head}, as clients do. */
  public void reorg(final String newHead, final long depth) {
    final String oldHead = head;
    final Block block = blocks.get(newHead);
    emit("chain_reorg", "{\"slot\":\"" + block.slot() + "\",\"depth\":\"" + depth + "\",\"old_head_block\":\"" + oldHead
        + "\",\"new_head_block\":\"" + newHead + "\",\"old_head_state\":\"" + oldHead + "\",\"new_head_state\":\""
        + newHead + "\",\"epoch\":\"" + block.slot() / 32 + "\",\"execution_optimistic\":false}");
    setHead(newHead);
  }

  public void finalize(final String root) {
    finalized = root;
    emit("finalized_checkpoint", "{\"block\":\"" + root + "\",\"state\":\"" + root + "\",\"epoch\":\""
        + blocks.get(root).slot() / 32 + "\",\"execution_optimistic\":false}");
  }

  /** A fork of {@code /eth/v1/config/fork_schedule}; versions as 0x-hex. */
  public record Fork(String previousVersion, String currentVersion, long epoch) {}

  /** Serves {@code GET /eth/v1/beacon/genesis}; until called it answers 404. */
  public void setGenesis(final String genesisValidatorsRoot, final long genesisTime, final String genesisForkVersion) {
    genesisJson = "{\"data\":{\"genesis_time\":\"" + genesisTime + "\",\"genesis_validators_root\":\""
        + genesisValidatorsRoot + "\",\"genesis_fork_version\":\"" + genesisForkVersion + "\"}}";
  }

  /** Serves {@code GET /eth/v1/config/fork_schedule}; until called it answers 404. */
  public void setForkSchedule(final List<Fork> forks) {
    final StringBuilder json = new StringBuilder("{\"data\":[");
    for (int i = 0; i < forks.size(); i++) {
      final Fork fork = forks.get(i);
      json.append(i == 0 ? "" : ",").append("{\"previous_version\":\"").append(fork.previousVersion())
          .append("\",\"current_version\":\"").append(fork.currentVersion()).append("\",\"epoch\":\"")
          .append(fork.epoch()).append("\"}");
    }
    forkScheduleJson = json.append("]}").toString();
  }

  /**
   * Serves {@code GET /eth/v1/config/spec} with {@code dataJson} (the JSON object under {@code
   * data}, raw, e.g. {@code {"SECONDS_PER_SLOT":"12"}}); until called it answers 404.
   */
  public void setSpec(final String dataJson) {
    specJson = "{\"data\":" + dataJson + "}";
  }

  /**
   * Writes raw bytes to every open event stream, exactly as given: no {@code event:}/{@code data:}
   * framing, no trailing blank line. For hostile streams: lines without fields, binary junk, giant
   * lines, events split anywhere.
   */
  public void emitRaw(final byte[] bytes) {
    for (final OutputStream out : subscribers) {
      try {
        synchronized (out) {
          out.write(bytes);
          out.flush();
        }
      } catch (final IOException e) {
        subscribers.remove(out);
      }
    }
  }

  /** Writes a raw event, malformed or not. */
  public void emit(final String event, final String data) {
    final byte[] frame = ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    for (final OutputStream out : subscribers) {
      try {
        synchronized (out) {
          out.write(frame);
          out.flush();
        }
      } catch (final IOException e) {
        subscribers.remove(out);
      }
    }
  }

  /** Closes every open event stream, as a restarting node or a network cut would. */
  public void dropConnections() {
    for (final OutputStream out : subscribers) {
      subscribers.remove(out);
      try {
        out.close();
      } catch (final IOException e) {
        // already gone
      }
    }
  }

  /** While set, event subscriptions are answered 503. */
  public void refuseEvents(final boolean refuse) {
    refuseEvents = refuse;
  }

  /** How many event subscriptions were opened so far (reconnects included). */
  public int subscriptionCount() {
    return subscriptions.get();
  }

  public int openSubscriptions() {
    return subscribers.size();
  }

  @Override
  public void close() {
    dropConnections();
    server.stop(0);
  }

  private void header(final HttpExchange exchange) throws IOException {
    final String id = exchange.getRequestURI().getPath().substring("/eth/v1/beacon/headers/".length());
    final String root = switch (id) {
      case "head" -> head;
      case "finalized" -> finalized;
      default -> id;
    };
    final Block block = blocks.get(root);
    if (block == null) {
      respond(exchange, 404, "{\"code\":404,\"message\":\"NOT_FOUND: beacon block\"}");
      return;
    }
    respond(exchange, 200, "{\"execution_optimistic\":false,\"finalized\":false,\"data\":{\"root\":\"" + block.root()
        + "\",\"canonical\":true,\"header\":{\"message\":{\"slot\":\"" + block.slot() + "\",\"proposer_index\":\"1\","
        + "\"parent_root\":\"" + block.parentRoot() + "\",\"state_root\":\"" + block.root() + "\",\"body_root\":\""
        + block.root() + "\"},\"signature\":\"0x00\"}}}");
  }

  /** The finalized checkpoint is the finalized block at epoch {@code slot / 32}, as its event says. */
  private void finalityCheckpoints(final HttpExchange exchange) throws IOException {
    final Block block = blocks.get(finalized);
    final String checkpoint = "{\"epoch\":\"" + block.slot() / 32 + "\",\"root\":\"" + block.root() + "\"}";
    respond(exchange, 200, "{\"execution_optimistic\":false,\"finalized\":false,\"data\":{\"previous_justified\":"
        + checkpoint + ",\"current_justified\":" + checkpoint + ",\"finalized\":" + checkpoint + "}}");
  }

  private void block(final HttpExchange exchange) throws IOException {
    final String root = exchange.getRequestURI().getPath().substring("/eth/v2/beacon/blocks/".length());
    final Block block = blocks.get(root);
    if (block == null) {
      respond(exchange, 404, "{\"code\":404,\"message\":\"NOT_FOUND: beacon block\"}");
      return;
    }
    final String full = blockJson.get(root);
    if (full != null) {
      respond(exchange, 200, full);
      return;
    }
    respond(exchange, 200, "{\"version\":\"deneb\",\"execution_optimistic\":false,\"finalized\":false,\"data\":{"
        + "\"message\":{\"slot\":\"" + block.slot() + "\",\"proposer_index\":\"1\",\"parent_root\":\"" + block.parentRoot()
        + "\",\"state_root\":\"" + block.root() + "\",\"body\":{\"execution_payload\":{\"block_hash\":\""
        + block.executionBlockHash() + "\",\"block_number\":\"" + block.executionBlockNumber()
        + "\",\"transactions\":[]}" + requestsField(root) + "}},\"signature\":\"0x00\"}}");
  }

  private String requestsField(final String root) {
    final String requests = executionRequests.get(root);
    return requests == null ? "" : ",\"execution_requests\":" + requests;
  }

  /** {@code GET /eth/v1/beacon/headers?slot=&parent_root=}: every known block that matches. */
  private void headers(final HttpExchange exchange) throws IOException {
    final Map<String, String> query = new HashMap<>();
    final String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (final String pair : raw.split("&")) {
        final int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    final Set<String> canonical = new HashSet<>();
    for (Block at = blocks.get(head); at != null; at = blocks.get(at.parentRoot())) {
      if (!canonical.add(at.root())) {
        break;
      }
    }
    final String slot = query.getOrDefault("slot", query.containsKey("parent_root") ? null
        : String.valueOf(blocks.get(head).slot()));
    final String parent = query.get("parent_root");
    final StringBuilder json = new StringBuilder("{\"execution_optimistic\":false,\"finalized\":false,\"data\":[");
    boolean first = true;
    for (final Block block : blocks.values().stream()
        .sorted(Comparator.comparing(Block::root)).toList()) {
      if ((slot != null && !slot.equals(String.valueOf(block.slot())))
          || (parent != null && !parent.equals(block.parentRoot()))) {
        continue;
      }
      json.append(first ? "" : ",").append("{\"root\":\"").append(block.root())
          .append("\",\"canonical\":").append(canonical.contains(block.root()))
          .append(",\"header\":{\"message\":{\"slot\":\"").append(block.slot())
          .append("\",\"proposer_index\":\"1\",\"parent_root\":\"").append(block.parentRoot())
          .append("\",\"state_root\":\"").append(block.root()).append("\",\"body_root\":\"")
          .append(block.root()).append("\"},\"signature\":\"0x00\"}}");
      first = false;
    }
    respond(exchange, 200, json.append("]}").toString());
  }

  private void events(final HttpExchange exchange) throws IOException {
    subscriptions.incrementAndGet();
    if (refuseEvents) {
      respond(exchange, 503, "{\"code\":503,\"message\":\"node is syncing\"}");
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    final OutputStream out = exchange.getResponseBody();
    out.write(": subscribed\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    subscribers.add(out);
  }

  private static void config(final HttpExchange exchange, final String json) throws IOException {
    if (json == null) {
      respond(exchange, 404, "{\"code\":404,\"message\":\"NOT_FOUND\"}");
    } else {
      respond(exchange, 200, json);
    }
  }

  private static void respond(final HttpExchange exchange, final int status, final String body) throws IOException {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

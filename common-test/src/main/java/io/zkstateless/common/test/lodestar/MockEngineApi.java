package io.zkstateless.common.test.lodestar;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The smallest Engine API (JSON-RPC over HTTP on 127.0.0.1) that lets a post-merge beacon node
 * produce blocks: it builds a payload on every {@code engine_forkchoiceUpdatedV1/V2} with payload
 * attributes (through its {@link ExecutionPayloadSource}; by default an empty one) and answers
 * VALID for every payload and fork choice.
 *
 * <p>Lodestar 1.5.1 needs this because its built-in {@code --execution.engineMock} is given an
 * empty genesis block hash by the CLI while the dev genesis state's payload header says {@code
 * 0x0b…0b}; that mock then answers SYNCING and no block is ever produced. The JWT is not checked.
 * The default payloads' block hashes are SHA-256 of the parent, number and timestamp, not keccak
 * of a header: the consensus client of that era does not recompute them.
 */
public final class MockEngineApi implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_REQUEST_BYTES = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ExecutionPayloadSource source;
  private final Map<String, ObjectNode> payloads = new ConcurrentHashMap<>();
  private final AtomicLong nextPayloadId = new AtomicLong(1);
  private final AtomicInteger newPayloads = new AtomicInteger();

  private MockEngineApi(final HttpServer server, final ExecutionPayloadSource source) {
    this.server = server;
    this.source = source;
  }

  /** Starts the engine on a free loopback port, building empty payloads with made-up hashes. */
  public static MockEngineApi start() {
    return start(new PayloadBuilder(), 0);
  }

  /**
   * Starts the engine on {@code port} of 127.0.0.1 (0: a free one), taking its payloads from {@code
   * source}.
   */
  public static MockEngineApi start(final ExecutionPayloadSource source, final int port) {
    try {
      final HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      final MockEngineApi engine = new MockEngineApi(server, source);
      server.createContext("/", engine::handle);
      server.setExecutor(engine.executor);
      server.start();
      return engine;
    } catch (final IOException e) {
      throw new IllegalStateException("Cannot start the mock Engine API", e);
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many {@code engine_newPayload*} calls arrived (each is a block the node imported). */
  public int newPayloadCount() {
    return newPayloads.get();
  }

  private void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final JsonNode request;
      try (InputStream body = exchange.getRequestBody()) {
        final byte[] bytes = body.readNBytes(MAX_REQUEST_BYTES + 1);
        if (bytes.length > MAX_REQUEST_BYTES) {
          reply(exchange, 413, JSON.createObjectNode());
          return;
        }
        request = JSON.readTree(bytes);
      }
      final ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
      response.set("id", request.path("id"));
      try {
        response.set("result", answer(request.path("method").asString(""), request.path("params")));
      } catch (final RpcError e) {
        response.putObject("error").put("code", e.code).put("message", e.getMessage());
      } catch (final RuntimeException e) {
        // A payload source that cannot build: the consensus client logs it and skips the slot.
        response.putObject("error").put("code", -32603).put("message", "Internal error: " + e.getMessage());
      }
      reply(exchange, 200, response);
    }
  }

  /** The result of {@code method}; an {@link RpcError} for unknown methods and payload ids. */
  private JsonNode answer(final String method, final JsonNode params) {
    return switch (method) {
      case "engine_exchangeTransitionConfigurationV1" -> params.path(0);
      case "engine_exchangeCapabilities" -> capabilities();
      case "engine_forkchoiceUpdatedV1", "engine_forkchoiceUpdatedV2" ->
          forkchoiceUpdated(params.path(0), params.path(1));
      case "engine_getPayloadV1" -> payload(params.path(0).asString(""));
      case "engine_getPayloadV2" -> {
        final ObjectNode envelope = JSON.createObjectNode().put("blockValue", "0x0");
        envelope.set("executionPayload", payload(params.path(0).asString("")));
        yield envelope;
      }
      case "engine_newPayloadV1", "engine_newPayloadV2" -> newPayload(params.path(0));
      default -> throw new RpcError(-32601, "Method not found: " + method);
    };
  }

  private JsonNode capabilities() {
    final ArrayNode methods = JSON.createArrayNode();
    for (final String name :
        new String[] {
          "engine_exchangeTransitionConfigurationV1", "engine_forkchoiceUpdatedV1",
          "engine_forkchoiceUpdatedV2", "engine_getPayloadV1", "engine_getPayloadV2",
          "engine_newPayloadV1", "engine_newPayloadV2"
        }) {
      methods.add(name);
    }
    return methods;
  }

  private JsonNode forkchoiceUpdated(final JsonNode state, final JsonNode attributes) {
    final String head = state.path("headBlockHash").asString("");
    final ObjectNode result = JSON.createObjectNode();
    result.putObject("payloadStatus").put("status", "VALID").put("latestValidHash", head).putNull("validationError");
    if (attributes.isObject()) {
      final String id = String.format("0x%016x", nextPayloadId.getAndIncrement());
      payloads.put(id, source.build(head, attributes));
      result.put("payloadId", id);
    } else {
      result.putNull("payloadId");
    }
    return result;
  }

  /** Each built payload is served once, as a consensus client asks for it once. */
  private ObjectNode payload(final String payloadId) {
    final ObjectNode payload = payloads.remove(payloadId);
    if (payload == null) {
      throw new RpcError(-38001, "Unknown payload " + payloadId);
    }
    return payload;
  }

  private JsonNode newPayload(final JsonNode payload) {
    newPayloads.incrementAndGet();
    source.imported(payload);
    return JSON.createObjectNode()
        .put("status", "VALID")
        .put("latestValidHash", payload.path("blockHash").asString(""))
        .putNull("validationError");
  }

  private static void reply(final HttpExchange exchange, final int status, final JsonNode body)
      throws IOException {
    final byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** A JSON-RPC error answer. */
  private static final class RpcError extends RuntimeException {
    private final int code;

    RpcError(final int code, final String message) {
      super(message);
      this.code = code;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package io.zkstateless.common.test.el;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 response bodies, written as bytes so results can be streamed. */
final class JsonRpcReplies {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonRpcReplies() {}

  static byte[] envelope(final JsonNode id, final FixtureBlock.ResultWriter result)
      throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeEnvelope(out, id, result);
    return out.toByteArray();
  }

  static void writeEnvelope(
      final OutputStream out, final JsonNode id, final FixtureBlock.ResultWriter result)
      throws IOException {
    out.write(
        ("{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(id) + ",\"result\":")
            .getBytes(StandardCharsets.UTF_8));
    result.writeTo(out);
    out.write('}');
  }

  static byte[] error(final JsonNode id, final int code, final String message) {
    final ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0");
    body.set("id", id);
    body.putObject("error").put("code", code).put("message", message);
    return JSON.writeValueAsBytes(body);
  }

  static void send(final HttpExchange exchange, final int status, final byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }

  static FixtureBlock.ResultWriter json(final JsonNode node) {
    return out -> out.write(JSON.writeValueAsBytes(node));
  }

  static FixtureBlock.ResultWriter literal(final String json) {
    return out -> out.write(json.getBytes(StandardCharsets.UTF_8));
  }
}

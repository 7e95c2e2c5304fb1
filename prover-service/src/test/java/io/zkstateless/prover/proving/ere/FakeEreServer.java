package io.zkstateless.prover.proving.ere;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zkstateless.common.model.stateless.StatelessInput;
import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import io.zkstateless.common.model.stateless.StatelessValidationResult;
import io.zkstateless.prover.proving.ere.api.ProgramVkOk;
import io.zkstateless.prover.proving.ere.api.ProgramVkRequest;
import io.zkstateless.prover.proving.ere.api.ProgramVkResponse;
import io.zkstateless.prover.proving.ere.api.ProveOk;
import io.zkstateless.prover.proving.ere.api.ProveRequest;
import io.zkstateless.prover.proving.ere.api.ProveResponse;
import io.zkstateless.prover.proving.ere.api.VerifyOk;
import io.zkstateless.prover.proving.ere.api.VerifyRequest;
import io.zkstateless.prover.proving.ere.api.VerifyResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in ere-server speaking real twirp: {@code POST /twirp/api.ZkvmService/<Method>} with
 * protobuf bodies, twirp JSON errors ({@code {"code","msg","meta"}}) for bad routes, content types
 * and bodies, as twirp-rs answers them. By default it behaves like ere with a correct guest: {@code
 * Prove} reads the stdin as the guest does ({@code read_whole_input}: little-endian u32 length,
 * then the stateless input of {@link #revision}), and commits the real validation result of that
 * input; the proof is {@code "proof:"} followed by the stdin's length. Tests script other answers
 * per method with {@link #next}.
 */
public final class FakeEreServer implements AutoCloseable {

  /** A scripted answer to one call. */
  public sealed interface Answer {}

  /** Answer normally (the default). */
  public record Normal() implements Answer {}

  /** The zkVM failed: the {@code err} branch of the response. */
  public record ZkvmError(String message) implements Answer {}

  /** A twirp error with this HTTP status and code. */
  public record Twirp(int status, String code, String msg) implements Answer {}

  /** A non-twirp HTTP error (a proxy's page). */
  public record PlainHttp(int status, String body) implements Answer {}

  /** Wait, then answer normally. */
  public record Delay(Duration delay) implements Answer {}

  /** Commit these public values instead of the real ones. */
  public record PublicValues(byte[] bytes) implements Answer {}

  /** A 200 whose body is this many bytes of garbage. */
  public record Garbage(int bytes) implements Answer {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Queue<Answer>> script = new ConcurrentHashMap<>();
  private final List<ProveRequest> proveRequests = new CopyOnWriteArrayList<>();
  private final List<VerifyRequest> verifyRequests = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private volatile StatelessSchemaRevision revision = StatelessSchemaRevision.AMSTERDAM_1501;
  private volatile byte[] programVk = "sp1-program-vk".getBytes(StandardCharsets.US_ASCII);

  private FakeEreServer(final HttpServer server) {
    this.server = server;
  }

  public static FakeEreServer start() {
    try {
      final HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      final FakeEreServer fake = new FakeEreServer(server);
      server.createContext("/", fake::handle);
      server.setExecutor(fake.executor);
      server.start();
      return fake;
    } catch (final IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public FakeEreServer guestRevision(final StatelessSchemaRevision guest) {
    this.revision = guest;
    return this;
  }

  public FakeEreServer programVk(final byte[] vk) {
    this.programVk = vk.clone();
    return this;
  }

  /** The next calls of {@code method} get these answers, in order; then normal answers. */
  public FakeEreServer next(final String method, final Answer... answers) {
    script.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    return this;
  }

  public List<ProveRequest> proveRequests() {
    return List.copyOf(proveRequests);
  }

  public List<VerifyRequest> verifyRequests() {
    return List.copyOf(verifyRequests);
  }

  public List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  /** What the guest reads: the stdin without ere's prefix, which must state its exact length. */
  public static byte[] guestBytes(final byte[] stdin) {
    final int length = ByteBuffer.wrap(stdin, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (length != stdin.length - 4) {
      throw new IllegalArgumentException(
          "prefix says " + length + " bytes, " + (stdin.length - 4) + " follow");
    }
    return Arrays.copyOfRange(stdin, 4, stdin.length);
  }

  private void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final String path = exchange.getRequestURI().getPath();
      final byte[] body = exchange.getRequestBody().readAllBytes();
      contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      if (!"POST".equals(exchange.getRequestMethod())
          || !path.startsWith("/twirp/api.ZkvmService/")) {
        twirp(exchange, 404, "bad_route", "no handler for path " + path);
        return;
      }
      if (!"application/protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        twirp(exchange, 400, "malformed", "unexpected Content-Type");
        return;
      }
      final String method = path.substring("/twirp/api.ZkvmService/".length());
      final Queue<Answer> queue = script.get(method);
      final Answer scripted = queue == null ? null : queue.poll();
      final Answer answer = scripted == null ? new Normal() : scripted;
      if (answer instanceof Delay delay) {
        Thread.sleep(delay.delay());
      }
      switch (answer) {
        case ZkvmError error -> protobuf(exchange, zkvmError(method, error.message()));
        case Twirp error -> twirp(exchange, error.status(), error.code(), error.msg());
        case PlainHttp plain ->
            send(
                exchange,
                plain.status(),
                "text/html",
                plain.body().getBytes(StandardCharsets.UTF_8));
        case Garbage garbage ->
            send(exchange, 200, "application/protobuf", filled(garbage.bytes()));
        default -> protobuf(exchange, normal(method, body, answer));
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final IOException | RuntimeException e) {
      // The client went away (timeouts, cancellation) or the test closed the server.
    }
  }

  private byte[] normal(final String method, final byte[] body, final Answer answer)
      throws InvalidProtocolBufferException {
    return switch (method) {
      case "Prove" -> {
        final ProveRequest request = ProveRequest.parseFrom(body);
        proveRequests.add(request);
        final byte[] stdin = request.getInputStdin().toByteArray();
        final byte[] publicValues =
            answer instanceof PublicValues scripted ? scripted.bytes() : commit(stdin);
        yield ProveResponse.newBuilder()
            .setOk(
                ProveOk.newBuilder()
                    .setPublicValues(ByteString.copyFrom(publicValues))
                    .setProof(ByteString.copyFromUtf8("proof:" + stdin.length))
                    .setReport(ByteString.copyFromUtf8("report")))
            .build()
            .toByteArray();
      }
      case "Verify" -> {
        final VerifyRequest request = VerifyRequest.parseFrom(body);
        verifyRequests.add(request);
        yield VerifyResponse.newBuilder()
            .setOk(VerifyOk.newBuilder().setPublicValues(ByteString.copyFromUtf8("pv")))
            .build()
            .toByteArray();
      }
      case "ProgramVk" -> {
        ProgramVkRequest.parseFrom(body);
        yield ProgramVkResponse.newBuilder()
            .setOk(ProgramVkOk.newBuilder().setProgramVk(ByteString.copyFrom(programVk)))
            .build()
            .toByteArray();
      }
      default -> throw new IllegalStateException("unroutable " + method);
    };
  }

  /** What a correct guest commits for this stdin: the validation result of its input. */
  private byte[] commit(final byte[] stdin) {
    final StatelessInput input = revision.decodeInput(guestBytes(stdin));
    return revision.encodeValidationResult(
        new StatelessValidationResult(
            revision.newPayloadRequestRoot(input.newPayloadRequest()), true, input.chainConfig()));
  }

  private static byte[] zkvmError(final String method, final String message) {
    return switch (method) {
      case "Prove" -> ProveResponse.newBuilder().setErr(message).build().toByteArray();
      case "Verify" -> VerifyResponse.newBuilder().setErr(message).build().toByteArray();
      default -> ProgramVkResponse.newBuilder().setErr(message).build().toByteArray();
    };
  }

  private static void twirp(
      final HttpExchange exchange, final int status, final String code, final String msg)
      throws IOException {
    final String json =
        "{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\",\"meta\":{\"server\":\"fake\"}}";
    send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static void protobuf(final HttpExchange exchange, final byte[] body) throws IOException {
    send(exchange, 200, "application/protobuf", body);
  }

  private static void send(
      final HttpExchange exchange, final int status, final String type, final byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static byte[] filled(final int size) {
    final byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 0xff);
    return bytes;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package io.zkstateless.common.test.el;

import java.time.Duration;

/** One scripted misbehaviour of the {@link FixtureExecutionClient}, applied to one call. */
public sealed interface Fault {

  /** Answer with a JSON-RPC error object. */
  record RpcError(int code, String message) implements Fault {}

  /** Answer {@code "result": null}, as clients do for an unknown block on {@code eth_*} methods. */
  record NullResult() implements Fault {}

  /**
   * Wait, then answer normally; with a client-side timeout shorter than this, the call times out.
   */
  record Delay(Duration delay) implements Fault {}

  /** Answer HTTP 200 with this body instead of JSON-RPC. */
  record Garbage(String body) implements Fault {}

  /** A complete HTTP response whose JSON body stops after {@code bytes} bytes. */
  record TruncatedJson(int bytes) implements Fault {}

  /** Announce the full Content-Length, send only {@code bytes} bytes, then close the connection. */
  record TruncatedHttp(int bytes) implements Fault {}

  /** Answer with this HTTP status and a short text body. */
  record HttpStatus(int status) implements Fault {}

  /**
   * Slow-loris: the normal answer, {@code bytesPerTick} bytes every {@code interval} (chunked), so
   * bytes keep arriving and only a deadline on the whole call ends it.
   */
  record SlowLoris(Duration interval, int bytesPerTick) implements Fault {}

  /**
   * A result that is one JSON string of {@code 0x} and {@code hexDigits} zeros, streamed (chunked,
   * no Content-Length): an answer far beyond any sane size.
   */
  record HugeResult(long hexDigits) implements Fault {}

  /** reth's answer for a block it has not imported yet. */
  static Fault notReady() {
    return new RpcError(-32001, "block not found");
  }
}

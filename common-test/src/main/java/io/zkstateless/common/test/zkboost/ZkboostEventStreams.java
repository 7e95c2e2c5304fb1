package io.zkstateless.common.test.zkboost;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open {@code text/event-stream} connections of the fake zkboost: each with its optional root
 * filter. Events go to every stream whose filter matches; a comment line goes to all of them at the
 * keep-alive interval, as zkboost sends one every 15 s.
 */
final class ZkboostEventStreams implements AutoCloseable {

  /** One subscriber; {@code root} is null for an unfiltered stream. */
  record Stream(OutputStream out, String root) {}

  private final List<Stream> streams = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService keepAlive =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());

  ZkboostEventStreams(final long keepAliveMillis) {
    keepAlive.scheduleAtFixedRate(
        () -> streams.forEach(s -> write(s, ": keep-alive\n\n")),
        keepAliveMillis,
        keepAliveMillis,
        TimeUnit.MILLISECONDS);
  }

  void add(final Stream stream) {
    streams.add(stream);
  }

  int open() {
    return streams.size();
  }

  /** Sends one event to every stream that is unfiltered or filtered on {@code root}. */
  void emit(final String root, final String event, final String json) {
    for (final Stream stream : streams) {
      if (stream.root() == null || stream.root().equals(root)) {
        write(stream, frame(event, json));
      }
    }
  }

  static String frame(final String event, final String json) {
    return "event: " + event + "\ndata: " + json + "\n\n";
  }

  static String completeJson(final String root, final String type) {
    return "{\"new_payload_request_root\":\"" + root + "\",\"proof_type\":\"" + type + "\"}";
  }

  static String failureJson(
      final String root, final String type, final String reason, final String error) {
    return "{\"new_payload_request_root\":\"" + root + "\",\"proof_type\":\"" + type
        + "\",\"reason\":\"" + reason + "\",\"error\":\"" + error.replace("\"", "'") + "\"}";
  }

  /** Writes directly to one stream (replays on connect). */
  void write(final Stream stream, final String text) {
    try {
      synchronized (stream.out()) {
        stream.out().write(text.getBytes(StandardCharsets.UTF_8));
        stream.out().flush();
      }
    } catch (final IOException e) {
      drop(stream);
    }
  }

  /** Closes every open stream, as a restarting zkboost or a network cut would. */
  void dropAll() {
    streams.forEach(this::drop);
  }

  private void drop(final Stream stream) {
    streams.remove(stream);
    try {
      stream.out().close();
    } catch (final IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
    dropAll();
  }
}

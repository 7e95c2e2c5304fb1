package io.zkstateless.common.service.sse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal, bounded reader of the text/event-stream format: {@code event:} and {@code data:}
 * lines, dispatched on a blank line; comments and other fields ignored. Written here rather than
 * taken from a reactive client because followers read the stream on their own blocking thread
 * and every line must be bounded ({@link #MAX_LINE_BYTES}).
 */
public final class SseReader {

  public static final int MAX_LINE_BYTES = 64 * 1024;

  /** One dispatched event. */
  public record Event(String name, String data) {}

  private final InputStream in;
  private final byte[] line = new byte[MAX_LINE_BYTES];

  public SseReader(final InputStream in) {
    this.in = in;
  }

  /** The next event, or null at the end of the stream. */
  public Event next() throws IOException {
    String name = "message";
    StringBuilder data = null;
    while (true) {
      final String text = readLine();
      if (text == null) {
        return null;
      }
      if (text.isEmpty()) {
        if (data != null) {
          return new Event(name, data.toString());
        }
        name = "message";
        continue;
      }
      if (text.startsWith(":")) {
        continue;
      }
      final int colon = text.indexOf(':');
      final String field = colon < 0 ? text : text.substring(0, colon);
      String value = colon < 0 ? "" : text.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("event")) {
        name = value;
      } else if (field.equals("data")) {
        if (data == null) {
          data = new StringBuilder(value);
        } else if (data.length() + value.length() > MAX_LINE_BYTES) {
          throw new IOException("SSE event data longer than " + MAX_LINE_BYTES + " bytes");
        } else {
          data.append('\n').append(value);
        }
      }
    }
  }

  private String readLine() throws IOException {
    int length = 0;
    while (true) {
      final int b = in.read();
      if (b < 0) {
        return length == 0 ? null : new String(line, 0, length, StandardCharsets.UTF_8);
      }
      if (b == '\n') {
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
      }
      if (length == MAX_LINE_BYTES) {
        throw new IOException("SSE line longer than " + MAX_LINE_BYTES + " bytes");
      }
      line[length++] = (byte) b;
    }
  }
}

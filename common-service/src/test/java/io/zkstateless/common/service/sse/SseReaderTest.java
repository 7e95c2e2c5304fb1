package io.zkstateless.common.service.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  private static SseReader reader(final String stream) {
    return new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void dispatchesEventsOnBlankLinesAndSkipsComments() throws IOException {
    final SseReader reader = reader(": keep-alive\n\nevent: head\ndata: {\"slot\":\"1\"}\n\r\ndata: a\ndata: b\n\n");
    assertThat(reader.next()).isEqualTo(new SseReader.Event("head", "{\"slot\":\"1\"}"));
    assertThat(reader.next()).isEqualTo(new SseReader.Event("message", "a\nb"));
    assertThat(reader.next()).isNull();
  }

  @Test
  void refusesLinesAndEventsOverTheBound() {
    final String longLine = "data: " + "x".repeat(SseReader.MAX_LINE_BYTES) + "\n\n";
    assertThatThrownBy(() -> reader(longLine).next()).isInstanceOf(IOException.class).hasMessageContaining("longer than");
    final String half = "x".repeat(SseReader.MAX_LINE_BYTES / 2 + 10);
    assertThatThrownBy(() -> reader("data: " + half + "\ndata: " + half + "\n\n").next())
        .isInstanceOf(IOException.class).hasMessageContaining("event data longer than");
  }
}

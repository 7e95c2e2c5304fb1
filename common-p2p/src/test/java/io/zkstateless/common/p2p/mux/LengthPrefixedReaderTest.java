package io.zkstateless.common.p2p.mux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.encoding.Uvarint;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LengthPrefixedReaderTest {

  private final List<String> messages = new ArrayList<>();
  private final LengthPrefixedReader reader =
      new LengthPrefixedReader("test", 300, m -> messages.add(Hex.encodeBare(m)));

  @Test
  void splitsMessagesWhateverTheChunking() {
    feed("02aabb" + "00" + "03cc");
    assertThat(messages).containsExactly("aabb", "");
    feed("ddee" + "ac02");
    assertThat(messages).containsExactly("aabb", "", "ccddee");
    feed("00".repeat(300));
    assertThat(messages).hasSize(4);
    assertThat(messages.get(3)).hasSize(600);
    reader.onRemoteClose(null);
  }

  @Test
  void rejectsOversizedLengthsBeforeBufferingThem() {
    assertThatThrownBy(() -> feed("ad02"))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("301 bytes exceeds 300");
  }

  @Test
  void rejectsAStreamThatEndsInsideAMessage() {
    feed("05aa");
    assertThatThrownBy(() -> reader.onRemoteClose(null))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("inside a message");
  }

  @Property(tries = 200)
  void reassemblesAnySplit(
      @ForAll @Size(max = 20) final List<@Size(max = 300) byte[]> sent,
      @ForAll @IntRange(min = 1, max = 50) final int chunk) {
    final List<String> got = new ArrayList<>();
    final LengthPrefixedReader r =
        new LengthPrefixedReader("test", 300, m -> got.add(Hex.encodeBare(m)));
    final ByteBuf all = Unpooled.buffer();
    for (final byte[] m : sent) {
      Uvarint.write(m.length, all);
      all.writeBytes(m);
    }
    while (all.isReadable()) {
      final ByteBuf piece = all.readRetainedSlice(Math.min(chunk, all.readableBytes()));
      r.onData(null, piece);
      piece.release();
    }
    all.release();
    r.onRemoteClose(null);
    assertThat(got).isEqualTo(sent.stream().map(Hex::encodeBare).toList());
  }

  private void feed(final String hex) {
    reader.onData(null, Unpooled.wrappedBuffer(Hex.decode(hex)));
  }
}

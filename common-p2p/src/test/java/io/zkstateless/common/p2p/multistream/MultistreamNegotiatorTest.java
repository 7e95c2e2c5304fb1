package io.zkstateless.common.p2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.P2pProtocolException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MultistreamNegotiatorTest {

  /** Heap buffers the garbage collector may reclaim, so short tests need not release them. */
  private static final ByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(false, true);

  private static ByteBuf bytes(final String hex) {
    return Unpooled.wrappedBuffer(Hex.decode(hex.replace(" ", "")));
  }

  private static String hex(final ByteBuf buf) {
    return ByteBufUtil.hexDump(buf);
  }

  @Test
  void dialerReproducesTheExchangeRecordedAgainstJsLibp2p() {
    // spec-libp2p.md section 3: /yamux/1.0.0 proposed as security gets na, then /noise is echoed.
    final MultistreamNegotiator dialer =
        MultistreamNegotiator.dialer(List.of("/yamux/1.0.0", "/noise"));
    assertThat(hex(dialer.start(UNTRACKED)))
        .isEqualTo("132f6d756c746973747265616d2f312e302e300a" + "0d2f79616d75782f312e302e300a");
    final ByteBuf out = UNTRACKED.buffer();
    assertThat(dialer.receive(bytes("13 2f6d756c746973747265616d2f312e302e300a 03 6e610a"), out))
        .isEmpty();
    assertThat(hex(out)).isEqualTo("072f6e6f6973650a");
    final ByteBuf rest = bytes("07 2f6e6f6973650a cafe");
    assertThat(dialer.receive(rest, UNTRACKED.buffer())).contains("/noise");
    assertThat(hex(rest)).isEqualTo("cafe");
  }

  @Test
  void dialerAndListenerAgreeWhenFedEachOtherByteByByte() {
    final MultistreamNegotiator dialer = MultistreamNegotiator.dialer(List.of("/a", "/b", "/c"));
    final MultistreamNegotiator listener = MultistreamNegotiator.listener(List.of("/c", "/b"));
    ByteBuf toListener = dialer.start(UNTRACKED);
    ByteBuf toDialer = listener.start(UNTRACKED);
    final ByteBuf listenerIn = UNTRACKED.buffer();
    final ByteBuf dialerIn = UNTRACKED.buffer();
    for (int round = 0; round < 200 && dialer.selected().isEmpty(); round++) {
      final ByteBuf nextToDialer = UNTRACKED.buffer();
      final ByteBuf nextToListener = UNTRACKED.buffer();
      if (toListener.isReadable()) {
        listenerIn.writeByte(toListener.readByte());
        listener.receive(listenerIn, nextToDialer);
      }
      if (toDialer.isReadable()) {
        dialerIn.writeByte(toDialer.readByte());
        dialer.receive(dialerIn, nextToListener);
      }
      toListener = Unpooled.wrappedBuffer(toListener, nextToListener);
      toDialer = Unpooled.wrappedBuffer(toDialer, nextToDialer);
    }
    assertThat(dialer.selected()).contains("/b");
    assertThat(listener.selected()).contains("/b");
  }

  @Test
  void listenerAnswersLsAndNa() {
    final MultistreamNegotiator listener = MultistreamNegotiator.listener(List.of("/x"));
    listener.start(UNTRACKED);
    final ByteBuf out = UNTRACKED.buffer();
    final ByteBuf in = UNTRACKED.buffer();
    MultistreamMessages.write(in, MultistreamNegotiator.PROTOCOL_ID);
    MultistreamMessages.write(in, "ls");
    MultistreamMessages.write(in, "/y");
    assertThat(listener.receive(in, out)).isEmpty();
    // ls: one message holding "03 /x\n" then "\n"; then na.
    assertThat(hex(out)).isEqualTo("05" + "032f780a" + "0a" + "036e610a");
  }

  @Test
  void dialerFailsWhenNothingIsSupported() {
    final MultistreamNegotiator dialer = MultistreamNegotiator.dialer(List.of("/a"));
    dialer.start(UNTRACKED);
    final ByteBuf in = UNTRACKED.buffer();
    MultistreamMessages.write(in, MultistreamNegotiator.PROTOCOL_ID);
    MultistreamMessages.write(in, "na");
    assertThatThrownBy(() -> dialer.receive(in, UNTRACKED.buffer()))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("supports none of [/a]");
  }

  @Test
  void rejectsMalformedOrUnexpectedMessages() {
    assertRejected(
        MultistreamNegotiator.listener(List.of("/x")), "03 2f780a", "expected /multistream/1.0.0");
    assertRejected(MultistreamNegotiator.listener(List.of("/x")), "00", "length 0");
    assertRejected(MultistreamNegotiator.listener(List.of("/x")), "8108", "length 1025");
    assertRejected(MultistreamNegotiator.listener(List.of("/x")), "02 2f78", "newline");
    assertRejected(
        MultistreamNegotiator.listener(List.of("/x")), "03 0a0a0a", "more than one line");
    assertRejected(MultistreamNegotiator.listener(List.of("/x")), "03 ff fe 0a", "UTF-8");
    assertRejected(MultistreamNegotiator.listener(List.of("/x")), "ffffffffffffffffff01", "varint");
    final MultistreamNegotiator dialer = MultistreamNegotiator.dialer(List.of("/a"));
    final ByteBuf in = UNTRACKED.buffer();
    MultistreamMessages.write(in, MultistreamNegotiator.PROTOCOL_ID);
    MultistreamMessages.write(in, "/other");
    assertThatThrownBy(() -> dialer.receive(in, UNTRACKED.buffer()))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("unexpected reply '/other'");
  }

  @Test
  void listenerGivesUpOnEndlessProposals() {
    final MultistreamNegotiator listener = MultistreamNegotiator.listener(List.of("/x"));
    final ByteBuf in = UNTRACKED.buffer();
    MultistreamMessages.write(in, MultistreamNegotiator.PROTOCOL_ID);
    for (int i = 0; i <= MultistreamNegotiator.MAX_PROPOSALS; i++) {
      MultistreamMessages.write(in, "/nope" + i);
    }
    assertThatThrownBy(() -> listener.receive(in, UNTRACKED.buffer()))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("more than 32 proposals");
  }

  @Test
  void waitsForIncompleteMessagesWithoutConsuming() {
    final MultistreamNegotiator listener = MultistreamNegotiator.listener(List.of("/x"));
    final ByteBuf in = bytes("13 2f6d756c7469");
    assertThat(listener.receive(in, UNTRACKED.buffer())).isEqualTo(Optional.empty());
    assertThat(in.readerIndex()).isZero();
  }

  private static void assertRejected(
      final MultistreamNegotiator negotiator, final String hex, final String message) {
    assertThatThrownBy(() -> negotiator.receive(bytes(hex), UNTRACKED.buffer()))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("multistream-select")
        .hasMessageContaining(message);
  }
}

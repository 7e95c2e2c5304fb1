package io.zkstateless.common.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.encoding.Uvarint;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One multistream-select 1.0 negotiation, as a socket-free state machine so that it can run on a
 * TCP connection, inside Noise, or on a muxed stream. The dialer pipelines the header and its first
 * proposal (as js-libp2p does) and falls back to its next proposal on {@code na}; the listener
 * echoes the first supported proposal. Matching is exact, as the consensus spec requires. Bytes
 * after the deciding message stay unread in the input: they belong to the selected protocol.
 */
public final class MultistreamNegotiator {

  public static final String PROTOCOL_ID = "/multistream/1.0.0";
  static final String NA = "na";
  static final String LS = "ls";

  /** A listener answers this many proposals at most before giving up on the dialer. */
  static final int MAX_PROPOSALS = 32;

  private final boolean dialer;
  private final Deque<String> pending;
  private final List<String> supported;
  private boolean headerReceived;
  private int proposalsSeen;
  private long consumed;
  private String selected;

  private MultistreamNegotiator(final boolean dialer, final List<String> protocols) {
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("multistream negotiation needs at least one protocol");
    }
    this.dialer = dialer;
    this.pending = new ArrayDeque<>(protocols);
    this.supported = List.copyOf(protocols);
    if (Set.copyOf(protocols).contains(NA) || Set.copyOf(protocols).contains(LS)) {
      throw new IllegalArgumentException("'na' and 'ls' are not protocol ids");
    }
  }

  /** A dialer proposing {@code proposals} in order of preference. */
  public static MultistreamNegotiator dialer(final List<String> proposals) {
    return new MultistreamNegotiator(true, proposals);
  }

  /** A listener accepting any of {@code supported}. */
  public static MultistreamNegotiator listener(final List<String> supported) {
    return new MultistreamNegotiator(false, supported);
  }

  /** What to send as soon as the channel is usable. */
  public ByteBuf start(final ByteBufAllocator alloc) {
    final ByteBuf out = alloc.buffer();
    MultistreamMessages.write(out, PROTOCOL_ID);
    if (dialer) {
      MultistreamMessages.write(out, pending.peekFirst());
    }
    return out;
  }

  /**
   * Consumes complete messages from {@code in} until the negotiation is decided or more bytes are
   * needed; anything to send back is written to {@code out}.
   *
   * @return the selected protocol once decided
   * @throws P2pProtocolException on malformed messages, an unexpected reply, or no common protocol
   */
  public Optional<String> receive(final ByteBuf in, final ByteBuf out) {
    while (selected == null) {
      final int before = in.readerIndex();
      final String line = MultistreamMessages.read(in, consumed);
      if (line == null) {
        return Optional.empty();
      }
      final long at = consumed;
      consumed += in.readerIndex() - before;
      if (!headerReceived) {
        if (!PROTOCOL_ID.equals(line)) {
          throw new P2pProtocolException(
              MultistreamMessages.FORMAT,
              at,
              "expected " + PROTOCOL_ID + " header, got '" + line + "'");
        }
        headerReceived = true;
      } else if (dialer) {
        onReply(line, at, out);
      } else {
        onProposal(line, at, out);
      }
    }
    return Optional.of(selected);
  }

  public Optional<String> selected() {
    return Optional.ofNullable(selected);
  }

  private void onReply(final String line, final long at, final ByteBuf out) {
    final String proposed = pending.peekFirst();
    if (line.equals(proposed)) {
      selected = proposed;
    } else if (line.equals(NA)) {
      pending.removeFirst();
      if (pending.isEmpty()) {
        throw new P2pProtocolException(
            MultistreamMessages.FORMAT, at, "peer supports none of " + supported);
      }
      MultistreamMessages.write(out, pending.peekFirst());
    } else {
      throw new P2pProtocolException(
          MultistreamMessages.FORMAT,
          at,
          "unexpected reply '" + line + "' to proposal " + proposed);
    }
  }

  private void onProposal(final String line, final long at, final ByteBuf out) {
    if (++proposalsSeen > MAX_PROPOSALS) {
      throw new P2pProtocolException(
          MultistreamMessages.FORMAT, at, "more than " + MAX_PROPOSALS + " proposals");
    }
    if (supported.contains(line)) {
      MultistreamMessages.write(out, line);
      selected = line;
    } else if (line.equals(LS)) {
      writeProtocolList(out);
    } else {
      MultistreamMessages.write(out, NA);
    }
  }

  /** The {@code ls} answer: one message whose body is the protocols, each framed, then '\n'. */
  private void writeProtocolList(final ByteBuf out) {
    final ByteBuf body = out.alloc().buffer();
    try {
      supported.forEach(p -> MultistreamMessages.write(body, p));
      body.writeByte('\n');
      Uvarint.write(body.readableBytes(), out);
      out.writeBytes(body);
    } finally {
      body.release();
    }
  }
}

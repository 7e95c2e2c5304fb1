package io.zkstateless.common.p2p.gossip.message;

import java.util.Optional;

/**
 * A gossipsub {@code Message {from=1, data=2, seqno=3, topic=4, signature=5, key=6}}. eth2 uses
 * StrictNoSign: only {@code data} and {@code topic} may be present, and the others must be absent
 * from the encoding, not just empty, so decoding records which fields were present at all.
 */
public record GossipMessage(
    String topic,
    byte[] data,
    Optional<byte[]> from,
    Optional<byte[]> seqno,
    Optional<byte[]> signature,
    Optional<byte[]> key) {

  public GossipMessage {
    data = data.clone();
  }

  /** A StrictNoSign message: topic and data only. */
  public static GossipMessage unsigned(final String topic, final byte[] data) {
    return new GossipMessage(
        topic, data, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The length of {@link #data()}, without copying it. */
  public int dataLength() {
    return data.length;
  }

  /** Whether any of the fields StrictNoSign forbids was present on the wire. */
  public boolean violatesStrictNoSign() {
    return from.isPresent() || seqno.isPresent() || signature.isPresent() || key.isPresent();
  }
}

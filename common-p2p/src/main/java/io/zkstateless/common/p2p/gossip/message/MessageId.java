package io.zkstateless.common.p2p.gossip.message;

import io.zkstateless.common.model.bytes.Hex;
import java.util.Arrays;

/** A gossipsub message id (20 bytes for eth2), compared by content. */
public final class MessageId {

  private final byte[] bytes;

  private MessageId(final byte[] bytes) {
    this.bytes = bytes;
  }

  public static MessageId of(final byte[] bytes) {
    return new MessageId(bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof MessageId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return Hex.encodeBare(bytes);
  }
}

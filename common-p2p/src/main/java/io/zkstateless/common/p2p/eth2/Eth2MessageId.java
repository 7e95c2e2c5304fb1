package io.zkstateless.common.p2p.eth2;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Altair-and-later eth2 gossip message id: {@code SHA256(domain ‖ uint64_le(len(topic)) ‖ topic
 * ‖ payload)[:20]}, where the payload is the snappy-decompressed data under the valid-snappy
 * domain, or the raw data under the invalid-snappy domain when it does not decompress.
 */
public final class Eth2MessageId {

  /** {@code MAX_PAYLOAD_SIZE}: 10 MiB, the largest uncompressed gossip payload. */
  public static final int MAX_PAYLOAD_SIZE = 10 * 1024 * 1024;

  public static final int LENGTH = 20;

  private static final byte[] DOMAIN_VALID_SNAPPY = {1, 0, 0, 0};
  private static final byte[] DOMAIN_INVALID_SNAPPY = {0, 0, 0, 0};

  private Eth2MessageId() {}

  public static MessageId of(final GossipMessage message) {
    return of(message.topic(), message.data());
  }

  public static MessageId of(final String topic, final byte[] data) {
    final byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    final byte[] topicLength =
        ByteBuffer.allocate(Long.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(topicBytes.length)
            .array();
    final Optional<byte[]> decompressed = decompress(data);
    final byte[] domain = decompressed.isPresent() ? DOMAIN_VALID_SNAPPY : DOMAIN_INVALID_SNAPPY;
    final byte[] payload = decompressed.orElse(data);
    final byte[] digest = Hashes.sha256(domain, topicLength, topicBytes, payload).toArray();
    return MessageId.of(Arrays.copyOf(digest, LENGTH));
  }

  private static Optional<byte[]> decompress(final byte[] data) {
    try {
      return Optional.of(SnappyBlock.decompress(data, MAX_PAYLOAD_SIZE));
    } catch (final DecodeException e) {
      return Optional.empty();
    }
  }
}

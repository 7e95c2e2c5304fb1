package io.zkstateless.common.p2p.eth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.test.Fixtures;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Altair+ message id against the recorded vectors (libp2p-vectors.json, section gossip). */
class Eth2MessageIdTest {

  private static final HexFormat HEX = HexFormat.of();
  private final JsonNode gossip = Fixtures.libp2pVectors().get("gossip");

  @Test
  void validSnappyIdHashesTheTopicAndTheDecompressedPayload() {
    final byte[] data = HEX.parseHex(gossip.get("snappyBlockHex").asString());
    assertThat(Eth2MessageId.of(gossip.get("topic").asString(), data).toString())
        .isEqualTo(gossip.get("messageIdHex").asString());
  }

  @Test
  void invalidSnappyIdHashesTheRawDataUnderTheInvalidDomain() {
    final byte[] data = HEX.parseHex(gossip.get("invalidSnappyDataHex").asString());
    assertThat(Eth2MessageId.of(gossip.get("topic").asString(), data).toString())
        .isEqualTo(gossip.get("invalidSnappyMessageIdHex").asString());
  }

  @Test
  void theTopicIsPartOfTheId() {
    final byte[] data = HEX.parseHex(gossip.get("snappyBlockHex").asString());
    assertThat(Eth2MessageId.of("/eth2/bfe0d3f4/execution_proof_0/ssz_snappy", data))
        .isNotEqualTo(Eth2MessageId.of(gossip.get("topic").asString(), data));
  }
}

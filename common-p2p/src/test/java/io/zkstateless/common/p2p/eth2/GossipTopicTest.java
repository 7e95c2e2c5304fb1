package io.zkstateless.common.p2p.eth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GossipTopicTest {

  @Test
  void buildsAndParsesExecutionProofTopics() {
    final GossipTopic topic = GossipTopic.executionProof(HexFormat.of().parseHex("bfe0d3f4"), 7);
    assertThat(topic).hasToString("/eth2/bfe0d3f4/execution_proof_7/ssz_snappy");
    assertThat(GossipTopic.parse(topic.toString())).contains(topic);
    assertThat(topic.executionProofSubnet()).contains(7);
  }

  @Test
  void rejectsMalformedTopics() {
    assertThat(GossipTopic.parse("/eth2/BFE0D3F4/execution_proof_1/ssz_snappy")).isEmpty();
    assertThat(GossipTopic.parse("/eth2/bfe0d3f4/execution_proof_1/ssz")).isEmpty();
    assertThat(GossipTopic.parse("/eth2/bfe0d3f4/beacon_block/ssz_snappy").orElseThrow()
        .executionProofSubnet()).isEmpty();
    assertThat(GossipTopic.parse("/eth2/bfe0d3f4/execution_proof_01/ssz_snappy").orElseThrow()
        .executionProofSubnet()).isEmpty();
    assertThatThrownBy(() -> new GossipTopic("bfe0d3", "x")).hasMessageContaining("8 lower-case");
  }
}

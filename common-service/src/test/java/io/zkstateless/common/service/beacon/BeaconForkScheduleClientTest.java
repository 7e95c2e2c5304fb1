package io.zkstateless.common.service.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.fork.ForkSchedule;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BeaconForkScheduleClientTest {

  private static final String LODESTAR_GVR =
      "0x270d43e74ce340de4bca2b1936beca0f4f5408d9e78aec4850920baf659d5b69";

  private ScriptedBeaconNode node;

  @BeforeEach
  void start() throws Exception {
    node =
        new ScriptedBeaconNode(
            new ScriptedBeaconNode.Block(
                "0x" + "11".repeat(32), 0, "0x" + "00".repeat(32), "0x" + "22".repeat(32), 0));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void computesLodestarsDigestFromItsBeaconApi() {
    node.setGenesis(LODESTAR_GVR, 1_700_000_000L, "0x00000001");
    node.setForkSchedule(
        List.of(
            new ScriptedBeaconNode.Fork("0x00000001", "0x00000001", 0),
            new ScriptedBeaconNode.Fork("0x00000001", "0x01000001", 0),
            new ScriptedBeaconNode.Fork("0x01000001", "0x02000001", 0),
            new ScriptedBeaconNode.Fork("0x02000001", "0x03000001", 1)));
    node.setSpec(
        "{\"SECONDS_PER_SLOT\":\"6\",\"SLOTS_PER_EPOCH\":\"8\",\"FULU_FORK_EPOCH\":\"18446744073709551615\"}");
    final ForkSchedule schedule =
        new BeaconForkScheduleClient(node.url(), Duration.ofSeconds(5)).fetch();
    assertThat(schedule.digestAt(0).hex()).isEqualTo("bfe0d3f4");
    assertThat(schedule.digestAt(1).hex()).isNotEqualTo("bfe0d3f4");
    assertThat(schedule.fuluForkEpoch()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void readsTheBlobScheduleForFulu() {
    node.setGenesis("0x" + "00".repeat(32), 0, "0x00000000");
    node.setForkSchedule(List.of(new ScriptedBeaconNode.Fork("0x06000064", "0x06000064", 0)));
    node.setSpec(
        "{\"SECONDS_PER_SLOT\":\"12\",\"SLOTS_PER_EPOCH\":\"32\",\"FULU_FORK_EPOCH\":\"0\","
            + "\"ELECTRA_FORK_EPOCH\":\"0\",\"MAX_BLOBS_PER_BLOCK_ELECTRA\":\"9\",\"BLOB_SCHEDULE\":["
            + "{\"EPOCH\":\"100\",\"MAX_BLOBS_PER_BLOCK\":\"100\"},{\"EPOCH\":\"9\",\"MAX_BLOBS_PER_BLOCK\":\"9\"}]}");
    final ForkSchedule schedule =
        new BeaconForkScheduleClient(node.url(), Duration.ofSeconds(5)).fetch();
    assertThat(schedule.digestAt(9).hex()).isEqualTo("c98245cc");
    assertThat(schedule.digestAt(100).hex()).isEqualTo("bddff67f");
  }

  @Test
  void namesTheEndpointAndFieldThatIsWrong() {
    final BeaconForkScheduleClient client =
        new BeaconForkScheduleClient(node.url(), Duration.ofSeconds(5));
    assertThatThrownBy(client::fetch)
        .isInstanceOf(BeaconConfigException.class)
        .hasMessageContaining("/eth/v1/beacon/genesis")
        .hasMessageContaining("HTTP 404");
    node.setGenesis("0x1234", 0, "0x00000000");
    node.setForkSchedule(List.of(new ScriptedBeaconNode.Fork("0x00000000", "0x00000000", 0)));
    node.setSpec("{\"SECONDS_PER_SLOT\":\"12\",\"SLOTS_PER_EPOCH\":\"32\"}");
    assertThatThrownBy(client::fetch)
        .isInstanceOf(BeaconConfigException.class)
        .hasMessageContaining("genesis_validators_root");
    node.setGenesis("0x" + "00".repeat(32), 0, "0x00000000");
    node.setSpec("{\"SECONDS_PER_SLOT\":\"twelve\",\"SLOTS_PER_EPOCH\":\"32\"}");
    assertThatThrownBy(client::fetch)
        .isInstanceOf(BeaconConfigException.class)
        .hasMessageContaining("SECONDS_PER_SLOT");
    node.setSpec("[not json");
    assertThatThrownBy(client::fetch)
        .isInstanceOf(BeaconConfigException.class)
        .hasMessageContaining("not JSON");
  }
}

package io.zkstateless.validator.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.service.beacon.BeaconConfigException;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.validator.follow.BeaconNodeProperties;
import io.zkstateless.validator.gossip.P2pProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.util.unit.DataSize;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the validator's gossip fork digests come from: the configured digest, or the schedule of a
 * (scripted) beacon node serving Lodestar's dev chain, whose Capella digest is {@code bfe0d3f4}.
 */
class ForkConfigurationTest {

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
  void followsTheBeaconNodesScheduleWhenNoDigestIsConfigured() {
    // Capella (bfe0d3f4) now, Deneb at epoch 10 of 48 s epochs; genesis 9 epochs ago: the Deneb
    // topics are joined already.
    final long genesis = Instant.now().getEpochSecond() - 9 * 48;
    node.setGenesis(LODESTAR_GVR, genesis, "0x00000001");
    node.setForkSchedule(
        List.of(
            new ScriptedBeaconNode.Fork("0x00000001", "0x00000001", 0),
            new ScriptedBeaconNode.Fork("0x00000001", "0x01000001", 0),
            new ScriptedBeaconNode.Fork("0x01000001", "0x02000001", 0),
            new ScriptedBeaconNode.Fork("0x02000001", "0x03000001", 10)));
    node.setSpec(
        "{\"SECONDS_PER_SLOT\":\"6\",\"SLOTS_PER_EPOCH\":\"8\","
            + "\"FULU_FORK_EPOCH\":\"18446744073709551615\"}");

    final GossipForkDigests digests =
        ForkConfiguration.digests(p2p(null), Optional.of(beacon(true)));

    assertThat(digests).isInstanceOf(GossipForkDigests.Scheduled.class);
    final List<String> now = digests.at(Instant.now().plusSeconds(5));
    assertThat(now).hasSize(2).startsWith("bfe0d3f4");
    assertThat(digests.at(Instant.ofEpochSecond(genesis + 5 * 48))).containsExactly("bfe0d3f4");
    assertThat(digests.at(Instant.ofEpochSecond(genesis + 13 * 48)))
        .containsExactly(now.get(1));
    assertThat(digests.all()).containsExactlyInAnyOrderElementsOf(now);
  }

  @Test
  void aConfiguredDigestWinsAndTheBeaconNodeIsNotAsked() {
    final GossipForkDigests digests =
        ForkConfiguration.digests(p2p("0xBFE0D3F4"), Optional.of(beacon(true)));
    assertThat(digests.at(Instant.now())).containsExactly("bfe0d3f4");
    assertThat(node.subscriptionCount()).isZero();
  }

  @Test
  void refusesToStartWithoutEither() {
    assertThatThrownBy(() -> ForkConfiguration.digests(p2p(null), Optional.empty()))
        .hasMessageContaining("validator.p2p.fork-digest is required");
    assertThatThrownBy(() -> ForkConfiguration.digests(p2p(""), Optional.of(beacon(false))))
        .hasMessageContaining("validator.beacon.enabled=false");
    // The node answers 404 for its schedule until one is set.
    assertThatThrownBy(() -> ForkConfiguration.digests(p2p(null), Optional.of(beacon(true))))
        .isInstanceOf(BeaconConfigException.class)
        .hasMessageContaining("/eth/v1/beacon/genesis");
  }

  private BeaconNodeProperties beacon(final boolean enabled) {
    return new BeaconNodeProperties(
        node.url(),
        enabled,
        Duration.ofSeconds(5),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        8192,
        33_554_432,
        Duration.ofSeconds(60));
  }

  private static P2pProperties p2p(final String forkDigest) {
    return new P2pProperties(
        forkDigest, "127.0.0.1", 0, null, List.of(), 16, Duration.ofMinutes(1), 2, 256,
        DataSize.ofMegabytes(64), 2, 2, Duration.ofSeconds(6), P2pProperties.RateLimit.DEFAULT);
  }
}

package io.zkstateless.validator.follow;

import static io.zkstateless.validator.follow.BeaconFollowerTest.block;
import static io.zkstateless.validator.follow.BeaconFollowerTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.fault.FaultProxy;
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A beacon node behind a black hole: connections open, nothing ever answers. The follower must
 * notice the silent stream (stall timeout) and must not hang on the reconnect's request either.
 */
class BeaconFollowerBlackHoleTest {

  private ScriptedBeaconNode node;
  private FaultProxy link;
  private BeaconFollowerRunner runner;

  @AfterEach
  void stop() {
    runner.stop();
    link.close();
    node.close();
  }

  @Test
  void aReconnectToASilentNodeTimesOutAndTheFollowerCatchesUpAfterIt() throws Exception {
    node = new ScriptedBeaconNode(block("g", 0, null));
    link = FaultProxy.to("127.0.0.1", node.url().getPort());
    final ProvenChainService chain = new ProvenViewFixture().service(ProvenChainListener.NOOP, Clock.systemUTC());
    final BeaconNodeProperties config = new BeaconNodeProperties(URI.create("http://" + link.hostAndPort()), true,
        Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200), 64, 1 << 20, Duration.ofSeconds(2));
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    runner = new BeaconFollowerRunner(http,
        new ChainFollower(new BeaconApiClient(http, json, config, Clock.systemUTC()), chain, config.maxBackfillBlocks()),
        new BeaconEventParser(json), config, new FollowerMetrics(new SimpleMeterRegistry()));
    runner.start();
    await().until(() -> runner.status().state() == FollowerState.FOLLOWING);

    link.blackHole();
    node.addBlock(block("a1", 1, "g"));
    node.setHead(hex("r", "a1"));
    final List<String> errors = new ArrayList<>();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      final BeaconFollowerRunner.FollowerStatus status = runner.status();
      if (status.lastError() != null && !errors.contains(status.lastError())) {
        errors.add(status.lastError());
      }
      // The stall watchdog closed the silent stream, then a reconnect timed out waiting for headers
      // instead of hanging (before the fix it waited for as long as the black hole lasted).
      assertThat(errors).anyMatch(e -> e.contains("GET /eth/v1/events: no response within PT1S"));
    });
    assertThat(runner.status().state()).isNotEqualTo(FollowerState.FOLLOWING);
    assertThat(chain.heads().orElseThrow().optimisticHead().slot()).isZero();

    link.restore();
    await().atMost(Duration.ofSeconds(20)).until(() -> runner.status().state() == FollowerState.FOLLOWING
        && chain.heads().orElseThrow().optimisticHead().slot() == 1);
  }
}

package io.zkstateless.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.validator.tracking.ProvenChainService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The validator on PostgreSQL and Kafka containers, as a developer machine or a CI runner with
 * Docker runs it. Skipped cleanly without Docker; {@link ValidatorApplicationTest} is its twin on
 * embedded PostgreSQL and an embedded KRaft broker, and runs everywhere.
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class ValidatorContainersIT {

  @Container @ServiceConnection
  static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17-alpine");

  @Container @ServiceConnection
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka-native:4.1.2");

  private static final String GENESIS = "0x" + "11".repeat(32);
  private static ScriptedBeaconNode beacon;

  @Autowired private ProvenChainService chain;

  @DynamicPropertySource
  static void beacon(final DynamicPropertyRegistry registry) throws Exception {
    final String zero = Bytes32.ZERO.toHexString();
    beacon = new ScriptedBeaconNode(new ScriptedBeaconNode.Block(GENESIS, 0, zero, zero, 0));
    registry.add("validator.beacon.url", () -> beacon.url().toString());
    registry.add("validator.p2p.fork-digest", () -> "0xbfe0d3f4");
    registry.add("validator.p2p.listen-port", () -> "0");
  }

  @AfterAll
  static void stopBeacon() {
    beacon.close();
  }

  @Test
  void followsTheBeaconNodeOnContainerServices() {
    await().untilAsserted(() -> assertThat(chain.heads()).isPresent());
    assertThat(chain.heads().orElseThrow().optimisticHead().root().toHexString()).isEqualTo(GENESIS);
  }
}

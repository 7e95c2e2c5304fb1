package io.zkstateless.broadcaster.consume;

import static io.zkstateless.broadcaster.support.ScriptedGossipPublisher.alreadySeen;
import static io.zkstateless.broadcaster.support.ScriptedGossipPublisher.fail;
import static io.zkstateless.broadcaster.support.ScriptedGossipPublisher.noPeers;
import static io.zkstateless.broadcaster.support.ScriptedGossipPublisher.reach;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.broadcaster.support.BroadcasterContextTest;
import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.broadcaster.support.ScriptedGossipPublisher;
import io.zkstateless.common.model.proof.ExecutionProof;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/** The whole Kafka path on an embedded KRaft broker, with a scripted p2p node. */
class BroadcasterKafkaTest extends BroadcasterContextTest {

  @Test
  void publishesAProofAndRecordsTheResult() {
    final ExecutionProof proof = Proofs.fresh(7);
    send(proof);
    final JsonNode result = results.await(hash(proof), WAIT);
    assertThat(result.path("result").asString()).isEqualTo("published");
    assertThat(result.path("subnet").asInt()).isEqualTo(7);
    assertThat(result.path("attempts").asInt()).isEqualTo(1);
    assertThat(result.path("peers_reached").asInt()).isEqualTo(3);
    assertThat(result.path("reason").isNull()).isTrue();
    assertThat(gossip.publicationsOf(hash(proof)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.topic()).isEqualTo("/eth2/bfe0d3f4/execution_proof_7/ssz_snappy");
              assertThat(p.proof()).isEqualTo(proof);
            });
    assertThat(counter("published")).isPositive();
  }

  @Test
  void retriesWithGrowingBackoffUntilPeersAppear() {
    final ExecutionProof proof = Proofs.fresh(1);
    gossip.script(hash(proof), noPeers(), noPeers(), reach(5));
    send(proof);
    final JsonNode result = results.await(hash(proof), WAIT);
    assertThat(result.path("result").asString()).isEqualTo("published");
    assertThat(result.path("attempts").asInt()).isEqualTo(3);
    assertThat(result.path("peers_reached").asInt()).isEqualTo(5);
    final List<ScriptedGossipPublisher.Publication> tries = gossip.publicationsOf(hash(proof));
    assertThat(tries).hasSize(3);
    final Duration first = Duration.ofNanos(tries.get(1).atNanos() - tries.get(0).atNanos());
    final Duration second = Duration.ofNanos(tries.get(2).atNanos() - tries.get(1).atNanos());
    assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(600));
  }

  @Test
  void alreadySeenCountsAsPublished() {
    final ExecutionProof proof = Proofs.fresh(2);
    gossip.script(hash(proof), alreadySeen());
    send(proof);
    final JsonNode result = results.await(hash(proof), WAIT);
    assertThat(result.path("result").asString()).isEqualTo("published");
    assertThat(result.path("reason").asString()).isEqualTo("already seen");
  }

  @Test
  void deadLettersAProofThatNeverPublishes() {
    final ExecutionProof proof = Proofs.fresh(3);
    gossip.script(hash(proof), fail("mesh is down"));
    send(proof);
    final JsonNode result = results.await(hash(proof), WAIT);
    assertThat(result.path("result").asString()).isEqualTo("dead_lettered");
    assertThat(result.path("attempts").asInt()).isEqualTo(4);
    assertThat(result.path("reason").asString()).contains("mesh is down");
    assertThat(gossip.publicationsOf(hash(proof))).hasSize(4);
    assertThat(counter("dead_lettered")).isPositive();
  }

  @Test
  void dropsAProofPastItsUsefulnessWindow() {
    final ExecutionProof proof =
        Proofs.at(4, Instant.now().minus(Duration.ofMinutes(11)).getEpochSecond());
    send(proof);
    final JsonNode result = results.await(hash(proof), WAIT);
    assertThat(result.path("result").asString()).isEqualTo("dropped");
    assertThat(result.path("reason").asString()).startsWith("stale");
    assertThat(gossip.publicationsOf(hash(proof))).isEmpty();
  }

  @Test
  void anUndecodableRecordIsCountedAndDoesNotStopThePartition() {
    final double before = counter("undecodable");
    broadcasterKafkaTemplate
        .send(
            new ProducerRecord<>(
                "execution-proofs", "0xjunk", (Object) "not ssz".getBytes(StandardCharsets.UTF_8)))
        .join();
    final ExecutionProof after = Proofs.fresh(5);
    send(after);
    assertThat(results.await(hash(after), WAIT).path("result").asString()).isEqualTo("published");
    await().atMost(WAIT).until(() -> counter("undecodable") > before);
  }

  @Test
  void malformedHeadersDeadLetterAtOnce() {
    final ExecutionProof proof = Proofs.fresh(6);
    final ProducerRecord<String, Object> record =
        new ProducerRecord<>("execution-proofs", hash(proof), proof);
    record.headers().add("zk-proof-type", "mock".getBytes(StandardCharsets.UTF_8));
    broadcasterKafkaTemplate.send(record).join();
    final JsonNode result = results.await(hash(proof), WAIT);
    assertThat(result.path("result").asString()).isEqualTo("dead_lettered");
    assertThat(result.path("attempts").asInt()).isEqualTo(1);
    assertThat(result.path("reason").asString()).contains("zk-block-number");
    assertThat(gossip.publicationsOf(hash(proof))).isEmpty();
  }

  @Test
  void aKeyThatIsNotTheBlockHashDeadLettersAtOnce() {
    final ExecutionProof proof = Proofs.fresh(6);
    final ProducerRecord<String, Object> record =
        new ProducerRecord<>("execution-proofs", "0x" + "00".repeat(32), proof);
    Proofs.headersFor(proof).writeTo(record.headers());
    broadcasterKafkaTemplate.send(record).join();
    final JsonNode result = results.await(hash(proof), WAIT);
    assertThat(result.path("result").asString()).isEqualTo("dead_lettered");
    assertThat(result.path("reason").asString()).contains("is not the block hash");
    assertThat(gossip.publicationsOf(hash(proof))).isEmpty();
  }

  @Test
  void aRestartInTheMiddleOfRetryingLosesNothing() {
    final ExecutionProof proof = Proofs.fresh(0);
    gossip.script(hash(proof), noPeers());
    send(proof);
    await().atMost(WAIT).until(() -> gossip.publicationsOf(hash(proof)).size() >= 2);
    containers().forEach(MessageListenerContainer::stop);
    await()
        .atMost(WAIT)
        .until(() -> containers().stream().noneMatch(MessageListenerContainer::isRunning));
    final int triedBeforeStop = gossip.publicationsOf(hash(proof)).size();
    // Stopped mid-retry: the proof sits uncommitted in a retry topic, which the lag gauge shows.
    await().atMost(WAIT).until(() -> meters.get("broadcaster_retry_queue").gauge().value() >= 1);
    gossip.script(hash(proof), reach(2));
    containers().forEach(MessageListenerContainer::start);
    final JsonNode result = results.await(hash(proof), WAIT);
    assertThat(result.path("result").asString()).isEqualTo("published");
    assertThat(result.path("attempts").asInt()).isEqualTo(triedBeforeStop + 1);
    assertThat(results.of(hash(proof))).hasSize(1);
    await().atMost(WAIT).until(() -> meters.get("broadcaster_retry_queue").gauge().value() == 0);
  }

  @Test
  void exposesTheDocumentedMeters() {
    assertThat(meters.find("broadcaster_published_total").tag("result", "published").counter())
        .isNotNull();
    assertThat(meters.find("broadcaster_publish_seconds").timer()).isNotNull();
    assertThat(meters.find("broadcaster_retry_queue").gauge()).isNotNull();
    gossip.setPeers(java.util.Map.of(3, 4));
    assertThat(meters.get("broadcaster_peers").tag("subnet", "3").gauge().value()).isEqualTo(4.0);
    assertThat(meters.get("broadcaster_peers").tag("subnet", "0").gauge().value()).isEqualTo(0.0);
  }

  private List<MessageListenerContainer> containers() {
    return registry.getListenerContainers().stream()
        .filter(c -> c.getListenerId().startsWith(ListenerIds.PROOFS))
        .toList();
  }
}

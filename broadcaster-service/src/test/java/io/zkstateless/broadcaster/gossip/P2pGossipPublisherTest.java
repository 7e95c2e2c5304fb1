package io.zkstateless.broadcaster.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.broadcaster.support.ResultsTopic;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/**
 * The real p2p node: a plain Java gossipsub peer, configured as the broadcaster's static peer and
 * subscribed to {@code execution_proof_3}, receives exactly the bytes of a proof produced to Kafka.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "broadcaster.fork-digest=0xbfe0d3f4",
      "broadcaster.p2p.listen-address=127.0.0.1",
      "broadcaster.p2p.listen-port=0",
      "spring.kafka.listener.poll-timeout=300ms"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {"execution-proofs", "broadcast-results"},
    bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class P2pGossipPublisherTest {

  private static final GossipTopic TOPIC =
      new GossipTopic("bfe0d3f4", GossipTopic.EXECUTION_PROOF_PREFIX + 3);
  private static final BlockingQueue<GossipMessage> RECEIVED = new LinkedBlockingQueue<>();
  private static final Eth2GossipNode PEER = startPeer();

  @Autowired private KafkaTemplate<String, Object> broadcasterKafkaTemplate;
  @Autowired private P2pGossipPublisher publisher;
  @Autowired private EmbeddedKafkaBroker broker;
  @LocalServerPort private int port;

  @DynamicPropertySource
  static void staticPeer(final DynamicPropertyRegistry registry) {
    registry.add(
        "broadcaster.p2p.static-peers",
        () -> PEER.listenAddresses().get(0).withPeerId(PEER.peerId()).toString());
  }

  @AfterAll
  void stopPeer() {
    PEER.close();
  }

  @Test
  void aProofFromKafkaReachesASubscribedPeerByteForByte() throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> publisher.peersPerSubnet().getOrDefault(3, 0) == 1);
    assertThat(readiness()).contains("\"status\":\"UP\"");

    final ExecutionProof proof = Proofs.fresh(3);
    final ProducerRecord<String, Object> record =
        new ProducerRecord<>("execution-proofs", proof.blockHash().toHexString(), proof);
    Proofs.headersFor(proof).writeTo(record.headers());
    broadcasterKafkaTemplate.send(record).join();

    final GossipMessage message = RECEIVED.poll(20, TimeUnit.SECONDS);
    assertThat(message).isNotNull();
    assertThat(message.topic()).isEqualTo(TOPIC.toString());
    assertThat(message.data())
        .isEqualTo(SnappyBlock.compress(ExecutionProofSchema.DEFAULT.encode(proof)));
    try (ResultsTopic results =
        new ResultsTopic(broker.getBrokersAsString(), "broadcast-results")) {
      final JsonNode result =
          results.await(proof.blockHash().toHexString(), Duration.ofSeconds(20));
      assertThat(result.path("result").asString()).isEqualTo("published");
      assertThat(result.path("peers_reached").asInt()).isEqualTo(1);
    }
    // Publishing the same bytes again is "already seen".
    assertThat(publisher.publish(TOPIC, message.data()).join())
        .isEqualTo(PublishOutcome.alreadySeen());
  }

  private String readiness() {
    return WebClient.create("http://localhost:" + port)
        .get()
        .uri("/actuator/health/readiness")
        .exchangeToMono(r -> r.bodyToMono(String.class))
        .block();
  }

  private static Eth2GossipNode startPeer() {
    final Eth2GossipNode node =
        new Eth2GossipNode(
            Eth2NodeConfig.of(
                Secp256k1PrivateKey.generate(),
                Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"),
                List.of(),
                "bfe0d3f4"),
            (from, m) -> CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT),
            (id, message) -> RECEIVED.add(message));
    try {
      node.start();
    } catch (final Exception e) {
      throw new IllegalStateException(e);
    }
    node.subscribe(TOPIC);
    return node;
  }
}

package io.zkstateless.e2e;

import static io.zkstateless.e2e.support.ServiceArgs.UNUSED_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.broadcaster.BroadcasterApplication;
import io.zkstateless.broadcaster.gossip.P2pGossipPublisher;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.db.EmbeddedPostgresSupport;
import io.zkstateless.e2e.support.ProofFeed;
import io.zkstateless.e2e.support.ServiceArgs;
import io.zkstateless.e2e.support.Services;
import io.zkstateless.e2e.support.TestChain;
import io.zkstateless.e2e.support.TopicReader;
import io.zkstateless.e2e.support.ValidatorProbe;
import io.zkstateless.validator.ValidatorApplication;
import io.zkstateless.validator.gossip.ValidatorP2pNode;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * A validator with room for 3 gossip proofs at a time (1 validation thread, a queue of 2) and a
 * burst of 60 proofs of 300 KiB written to Kafka at once, which the broadcaster publishes as fast
 * as it can. The validator's router stops reading from the broadcaster while its backlog is full;
 * the broadcaster's publishes complete only as the validator reads, so nothing is dropped on either
 * side: every (block, proof type) ends stored exactly once, every block proven, every proof
 * reported published once. Before this, such a burst had proofs IGNOREd as "overloaded" and lost
 * (the broadcaster had reported them published).
 */
class ValidatorOverloadTest {

  private static final Map<String, Integer> PROOF_TYPES =
      Map.of(
          "mock", ProofTypeRegistry.DEFAULT_TYPES.get("mock"),
          "sp1", ProofTypeRegistry.DEFAULT_TYPES.get("sp1"));
  private static final int BLOCKS = 30;
  private static final int PROOF_SIZE = 300 * 1024;
  private static final Duration AT_MOST = Duration.ofSeconds(90);

  @Test
  void aBurstFarBeyondTheValidatorsCapacityIsStoredExactlyOnce() throws Exception {
    final EmbeddedKafkaKraftBroker kafka =
        new EmbeddedKafkaKraftBroker(
            1, 2, ProofFeed.TOPIC, "broadcast-results", "proven-blocks", UNUSED_TOPIC);
    kafka.afterPropertiesSet();
    final ScriptedBeaconNode beacon = new ScriptedBeaconNode(TestChain.genesis());
    for (int slot = 1; slot <= BLOCKS; slot++) {
      beacon.addBlockSilently(TestChain.block(slot));
    }
    beacon.setHeadSilently(TestChain.beaconRoot(BLOCKS));
    try (Services services = new Services();
        ProofFeed feed = new ProofFeed(kafka.getBrokersAsString())) {
      final String db = EmbeddedPostgresSupport.newDatabase();
      final List<String> validatorArgs =
          ServiceArgs.validator(kafka.getBrokersAsString(), db, beacon.url(), PROOF_TYPES);
      validatorArgs.add("--validator.p2p.validation-threads=1");
      validatorArgs.add("--validator.p2p.validation-queue=2");
      final ConfigurableApplicationContext validator =
          services.start(ValidatorApplication.class, "validator", validatorArgs);
      final ValidatorProbe probe = new ValidatorProbe(validator, db);
      final ConfigurableApplicationContext broadcaster =
          services.start(
              BroadcasterApplication.class,
              "broadcaster",
              ServiceArgs.broadcasterInJvm(
                  kafka.getBrokersAsString(), List.of(probe.p2pAddress())));
      final P2pGossipPublisher publisher = broadcaster.getBean(P2pGossipPublisher.class);
      final ProvenChainService chain = validator.getBean(ProvenChainService.class);
      await()
          .atMost(AT_MOST)
          .until(
              () ->
                  chain.heads().map(h -> h.optimisticHead().slot()).orElse(-1L) == BLOCKS
                      && PROOF_TYPES.values().stream()
                          .allMatch(s -> publisher.peersPerSubnet().getOrDefault(s, 0) >= 1));

      final List<CompletableFuture<?>> sends = new ArrayList<>();
      for (int slot = 1; slot <= BLOCKS; slot++) {
        for (final Map.Entry<String, Integer> type : PROOF_TYPES.entrySet()) {
          sends.add(
              feed.publish(
                  slot, type.getKey(), ProofFeed.mockProof(slot, type.getValue(), PROOF_SIZE)));
        }
      }
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
      final long started = System.nanoTime();

      await()
          .atMost(AT_MOST)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  chain.heads().map(h -> h.provenHead().slot()).orElse(-1L) == BLOCKS
                      && probe.storedProofs().size() == BLOCKS * PROOF_TYPES.size());
      System.out.printf(
          "overload: %d proofs of %d bytes stored in %d ms; the validator paused reading %d"
              + " times; %.0f proofs found its validation queue full%n",
          BLOCKS * PROOF_TYPES.size(),
          PROOF_SIZE,
          (System.nanoTime() - started) / 1_000_000,
          validator.getBean(ValidatorP2pNode.class).readPauses(),
          overloaded(validator));

      assertEveryProofStoredOnce(probe);
      assertThat(probe.proofCount("gossip", "accept")).isEqualTo(BLOCKS * PROOF_TYPES.size());
      assertThat(probe.proofCount("gossip", "reject")).isZero();
      assertEveryProofPublishedOnce(kafka);
      assertThat(chain.heads().orElseThrow().gapSlots()).isZero();
    } finally {
      beacon.close();
      kafka.destroy();
    }
  }

  private static void assertEveryProofStoredOnce(final ValidatorProbe probe) {
    final List<String> expected =
        TestChain.proofKeys(1, BLOCKS, PROOF_TYPES.values()).stream().map(k -> k + "/gossip").toList();
    assertThat(probe.storedProofs())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void assertEveryProofPublishedOnce(final EmbeddedKafkaKraftBroker kafka) {
    final List<JsonNode> results = new ArrayList<>();
    try (TopicReader reader = new TopicReader(kafka, "broadcast-results")) {
      await()
          .atMost(AT_MOST)
          .until(
              () -> {
                results.clear();
                results.addAll(reader.pollJson(Duration.ofMillis(300)));
                return results.size() >= BLOCKS * PROOF_TYPES.size();
              });
      // A duplicate, if one were coming, would be right behind.
      results.clear();
      results.addAll(reader.pollJson(Duration.ofSeconds(1)));
    }
    final Map<String, Long> perProof =
        results.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.path("block_hash").asString() + "/" + r.path("subnet").asInt(),
                    Collectors.counting()));
    assertThat(perProof).hasSize(BLOCKS * PROOF_TYPES.size());
    assertThat(perProof.values()).containsOnly(1L);
    assertThat(results)
        .allSatisfy(r -> assertThat(r.path("result").asString()).isEqualTo("published"));
  }

  private static double overloaded(final ConfigurableApplicationContext validator) {
    final var counter =
        validator.getBean(MeterRegistry.class).find("validator_gossip_overloaded_total").counter();
    return counter == null ? 0 : counter.count();
  }
}

package io.zkstateless.broadcaster.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.broadcaster.config.ServedSubnets;
import io.zkstateless.broadcaster.publish.BroadcastStatusBook;
import io.zkstateless.broadcaster.publish.ProofBroadcaster;
import io.zkstateless.broadcaster.publish.PublishMetrics;
import io.zkstateless.broadcaster.publish.ResultPublisher;
import io.zkstateless.broadcaster.retry.RetryLaterException;
import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.broadcaster.support.ScriptedGossipPublisher;
import io.zkstateless.common.model.fork.ForkDigest;
import io.zkstateless.common.model.kafka.ProofRecordHeaderException;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

class ProofListenerTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PublishMetrics metrics = new PublishMetrics(registry);
  private final ScriptedGossipPublisher gossip = new ScriptedGossipPublisher();

  @SuppressWarnings("unchecked")
  private final KafkaTemplate<String, Object> template = mock(KafkaTemplate.class);

  private final BroadcastStatusBook statuses = new BroadcastStatusBook(10, Clock.systemUTC());
  private final ProofListener listener =
      new ProofListener(
          new ProofBroadcaster(
              gossip,
              () -> ForkDigest.fromHex("bfe0d3f4"),
              ExecutionProofSchema.DEFAULT,
              new ServedSubnets(Set.of(0, 1, 2, 3, 4, 5, 6, 7)),
              Duration.ofMinutes(10),
              Duration.ofSeconds(1),
              Clock.systemUTC(),
              metrics),
          new ResultPublisher(
              template, "broadcast-results", Duration.ofMillis(200), statuses, metrics),
          statuses,
          metrics);

  @Test
  void aPublishedProofWhoseResultKafkaRefusesIsRetriedNotDeadLettered() {
    final ExecutionProof proof = Proofs.fresh(1);
    when(template.send(eq("broadcast-results"), anyString(), any()))
        .thenReturn(
            CompletableFuture.<SendResult<String, Object>>failedFuture(
                new IllegalStateException("broker gone")));
    assertThatThrownBy(() -> listener.onProof(record(proof, proof.blockHash().toHexString(), true)))
        .isInstanceOf(RetryLaterException.class)
        .hasMessageStartingWith("result not acknowledged by Kafka");
    assertThat(gossip.publicationsOf(proof.blockHash().toHexString())).hasSize(1);
  }

  @Test
  void recordsThatBreakTheTopicContractAreCountedAndNeverPublished() {
    final ExecutionProof proof = Proofs.fresh(2);
    assertThatThrownBy(
            () -> listener.onProof(record(proof, proof.blockHash().toHexString(), false)))
        .isInstanceOf(ProofRecordHeaderException.class);
    assertThatThrownBy(() -> listener.onProof(record(proof, "0xother", true)))
        .isInstanceOf(ProofRecordException.class)
        .hasMessageContaining("is not the block hash");
    assertThatThrownBy(() -> listener.onProof(record(null, "0xother", true)))
        .isInstanceOf(ProofRecordException.class)
        .hasMessageContaining("tombstone");
    assertThat(gossip.publicationsOf(proof.blockHash().toHexString())).isEmpty();
    assertThat(
            registry
                .get("broadcaster_published_total")
                .tag("result", "undecodable")
                .counter()
                .count())
        .isEqualTo(3);
  }

  private static ConsumerRecord<String, ExecutionProof> record(
      final ExecutionProof proof, final String key, final boolean withHeaders) {
    final ConsumerRecord<String, ExecutionProof> record =
        new ConsumerRecord<>("execution-proofs", 0, 0, key, proof);
    if (withHeaders) {
      Proofs.headersFor(proof).writeTo(record.headers());
    }
    return record;
  }
}

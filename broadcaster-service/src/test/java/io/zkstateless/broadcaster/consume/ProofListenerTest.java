package io.zkstateless.broadcaster.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.broadcaster.config.ServedSubnets;
import io.zkstateless.broadcaster.publish.BroadcastStatusBook;
import io.zkstateless.broadcaster.publish.ProofBroadcaster;
import io.zkstateless.broadcaster.publish.PublishMetrics;
import io.zkstateless.broadcaster.publish.ResultPublisher;
import io.zkstateless.broadcaster.support.Proofs;
import io.zkstateless.broadcaster.support.RecordingAck;
import io.zkstateless.broadcaster.support.ScriptedGossipPublisher;
import io.zkstateless.common.model.fork.ForkDigest;
import io.zkstateless.common.model.kafka.ProofRecordHeaderException;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  private final ProofBroadcaster broadcaster =
      new ProofBroadcaster(
          gossip,
          () -> ForkDigest.fromHex("bfe0d3f4"),
          ExecutionProofSchema.DEFAULT,
          new ServedSubnets(Set.of(0, 1, 2, 3, 4, 5, 6, 7)),
          Duration.ofMinutes(10),
          Duration.ofSeconds(1),
          Clock.systemUTC(),
          metrics);
  private final CommitLedger ledger = new CommitLedger(100);
  private final ProofListener listener =
      new ProofListener(
          broadcaster,
          new ResultPublisher(
              template, "broadcast-results", Duration.ofMillis(200), statuses, metrics),
          statuses,
          metrics,
          ledger,
          Duration.ofSeconds(1));

  @Test
  void anOffsetIsAcknowledgedOnlyOnceKafkaHasTheResult() throws Exception {
    final ExecutionProof proof = Proofs.fresh(1);
    final CompletableFuture<SendResult<String, Object>> resultAck = new CompletableFuture<>();
    when(template.send(eq("broadcast-results"), anyString(), any())).thenReturn(resultAck);
    final RecordingAck ack = new RecordingAck();
    listener.onProof(record(proof, proof.blockHash().toHexString(), true), ack);
    assertThat(gossip.publicationsOf(proof.blockHash().toHexString())).hasSize(1);
    assertThat(ack.acknowledged()).isFalse();
    resultAck.complete(null);
    assertThat(ack.acknowledged()).isTrue();
    assertThat(ledger.inFlight()).isZero();
  }

  @Test
  void aResultKafkaRefusesIsSentAgainNeverRetriedOrDeadLettered() throws Exception {
    final ExecutionProof proof = Proofs.fresh(1);
    when(template.send(eq("broadcast-results"), anyString(), any()))
        .thenReturn(
            CompletableFuture.<SendResult<String, Object>>failedFuture(
                new IllegalStateException("broker gone")),
            CompletableFuture.completedFuture(null));
    final RecordingAck ack = new RecordingAck();
    listener.onProof(record(proof, proof.blockHash().toHexString(), true), ack);
    assertThat(ack.acknowledged()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(ack::acknowledged);
    verify(template, times(2)).send(eq("broadcast-results"), anyString(), any());
    assertThat(gossip.publicationsOf(proof.blockHash().toHexString())).hasSize(1);
  }

  @Test
  void laterRecordsArePublishedWhileAnEarlierResultIsInFlightButAcknowledgedAfterIt()
      throws Exception {
    final List<CompletableFuture<SendResult<String, Object>>> acks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      acks.add(new CompletableFuture<>());
    }
    when(template.send(eq("broadcast-results"), anyString(), any()))
        .thenReturn(acks.get(0), acks.get(1), acks.get(2));
    final List<RecordingAck> offsets = new ArrayList<>();
    for (int offset = 0; offset < 3; offset++) {
      final ExecutionProof proof = Proofs.fresh(offset);
      final RecordingAck ack = new RecordingAck();
      offsets.add(ack);
      listener.onProof(record(proof, proof.blockHash().toHexString(), true, offset), ack);
      assertThat(gossip.publicationsOf(proof.blockHash().toHexString())).hasSize(1);
    }
    acks.get(2).complete(null);
    acks.get(1).complete(null);
    assertThat(offsets).noneMatch(RecordingAck::acknowledged);
    acks.get(0).complete(null);
    assertThat(offsets).allMatch(RecordingAck::acknowledged);
  }

  @Test
  void aFullLedgerHandsTheRecordBackUnpublished() throws Exception {
    final CommitLedger tiny = new CommitLedger(1);
    final ProofListener bounded =
        new ProofListener(
            broadcaster,
            new ResultPublisher(
                template, "broadcast-results", Duration.ofMillis(200), statuses, metrics),
            statuses,
            metrics,
            tiny,
            Duration.ofMillis(20));
    when(template.send(eq("broadcast-results"), anyString(), any()))
        .thenReturn(new CompletableFuture<>());
    final ExecutionProof first = Proofs.fresh(1);
    final ExecutionProof second = Proofs.fresh(2);
    bounded.onProof(record(first, first.blockHash().toHexString(), true, 0), new RecordingAck());
    final RecordingAck ack = new RecordingAck();
    bounded.onProof(record(second, second.blockHash().toHexString(), true, 1), ack);
    assertThat(ack.nacked()).isTrue();
    assertThat(ack.acknowledged()).isFalse();
    assertThat(gossip.publicationsOf(second.blockHash().toHexString())).isEmpty();
  }

  @Test
  void recordsThatBreakTheTopicContractAreCountedAndNeverPublished() {
    final ExecutionProof proof = Proofs.fresh(2);
    assertThatThrownBy(
            () ->
                listener.onProof(
                    record(proof, proof.blockHash().toHexString(), false), new RecordingAck()))
        .isInstanceOf(ProofRecordHeaderException.class);
    assertThatThrownBy(() -> listener.onProof(record(proof, "0xother", true), new RecordingAck()))
        .isInstanceOf(ProofRecordException.class)
        .hasMessageContaining("is not the block hash");
    assertThatThrownBy(() -> listener.onProof(record(null, "0xother", true), new RecordingAck()))
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
    return record(proof, key, withHeaders, 0);
  }

  private static ConsumerRecord<String, ExecutionProof> record(
      final ExecutionProof proof, final String key, final boolean withHeaders, final long offset) {
    final ConsumerRecord<String, ExecutionProof> record =
        new ConsumerRecord<>("execution-proofs", 0, offset, key, proof);
    if (withHeaders) {
      Proofs.headersFor(proof).writeTo(record.headers());
    }
    return record;
  }
}

package io.zkstateless.broadcaster.consume;

import io.zkstateless.broadcaster.publish.Attempt;
import io.zkstateless.broadcaster.publish.BroadcastResult;
import io.zkstateless.broadcaster.publish.BroadcastStatusBook;
import io.zkstateless.broadcaster.publish.ProofBroadcaster;
import io.zkstateless.broadcaster.publish.PublishMetrics;
import io.zkstateless.broadcaster.publish.ResultPublisher;
import io.zkstateless.broadcaster.retry.RetryAttempts;
import io.zkstateless.broadcaster.retry.RetryLaterException;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.kafka.ProofRecordHeaders;
import io.zkstateless.common.model.kafka.ProofRecordKeys;
import io.zkstateless.common.model.proof.ExecutionProof;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.DltHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.retrytopic.DltStrategy;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Consumes {@code execution-proofs} and its retry topics and publishes each proof on gossip.
 *
 * <p>A proof is published as soon as its record arrives; its {@code broadcast-results} record is
 * sent without waiting, and the offset is acknowledged by the {@link CommitLedger} once that result
 * (and every earlier one of the partition) is acknowledged by Kafka. So the next proof never waits
 * for the previous proof's broker round trips, and no offset is committed before its outcome is
 * durable.
 *
 * <p>A publish that reached nobody throws {@link RetryLaterException}; Spring Kafka then forwards
 * the record to the next {@code -retry-N} topic (or, once the attempts or the deadline are used up,
 * to {@code execution-proofs-dlt}) and only afterwards commits its offset. Any other exception
 * (headers that do not decode, a key that is not the block hash) is not retried and dead-letters at
 * once. Records whose value does not decode never reach this class: the {@code
 * ErrorHandlingDeserializer} turns them into a fatal error that goes straight to the DLT.
 */
public class ProofListener {

  private static final Logger LOG = LoggerFactory.getLogger(ProofListener.class);
  private static final Duration NACK_SLEEP = Duration.ofSeconds(1);

  private final ProofBroadcaster broadcaster;
  private final ResultPublisher results;
  private final BroadcastStatusBook statuses;
  private final PublishMetrics metrics;
  private final CommitLedger ledger;
  private final Duration roomWait;

  /**
   * @param roomWait how long a record waits for room in the ledger before it is put back (nack)
   */
  public ProofListener(
      final ProofBroadcaster broadcaster,
      final ResultPublisher results,
      final BroadcastStatusBook statuses,
      final PublishMetrics metrics,
      final CommitLedger ledger,
      final Duration roomWait) {
    this.broadcaster = broadcaster;
    this.results = results;
    this.statuses = statuses;
    this.metrics = metrics;
    this.ledger = ledger;
    this.roomWait = roomWait;
  }

  @RetryableTopic(
      attempts = "#{@retrySettings.attempts()}",
      backOff =
          @BackOff(
              delayString = "#{@retrySettings.initialBackoff().toMillis()}",
              multiplierString = "#{@retrySettings.multiplier()}",
              maxDelayString = "#{@retrySettings.maxBackoff().toMillis()}"),
      timeout = "#{@retrySettings.timeout().toMillis()}",
      include = RetryLaterException.class,
      traversingCauses = "true",
      topicSuffixingStrategy = TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE,
      sameIntervalTopicReuseStrategy = SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS,
      dltStrategy = DltStrategy.FAIL_ON_ERROR,
      kafkaTemplate = "broadcasterKafkaTemplate")
  @KafkaListener(
      id = ListenerIds.PROOFS,
      topics = "${broadcaster.kafka.proofs-topic:execution-proofs}",
      groupId = "${broadcaster.kafka.group-id:broadcaster}")
  public void onProof(
      final ConsumerRecord<String, ExecutionProof> record, final Acknowledgment ack) {
    final ExecutionProof proof = record.value();
    checkRecord(record);
    final int attempt = RetryAttempts.current(record.headers());
    if (attempt == 1) {
      metrics.recordAge(Duration.ofMillis(System.currentTimeMillis() - record.timestamp()));
    }
    if (!hasRoom()) {
      // Too many results unacknowledged (Kafka is struggling): hand the record back, unpublished.
      LOG.warn(
          "{} results in flight; delivering {} again later", ledger.inFlight(), proof.blockHash());
      ack.nack(NACK_SLEEP);
      return;
    }
    switch (broadcaster.attempt(proof, attempt)) {
      case Attempt.Final done -> recordThenAcknowledge(record, ack, done.result());
      case Attempt.RetryLater later -> {
        LOG.debug("Attempt {} for {} failed: {}", attempt, proof.blockHash(), later.reason());
        statuses.retrying(
            proof.blockHash().toHexString(), proof.subnetId().value(), attempt, later.reason());
        throw new RetryLaterException(later.reason());
      }
    }
  }

  /**
   * An interrupt must not become a listener failure: that would dead-letter a proof that was never
   * tried. The record is handed back instead.
   */
  private boolean hasRoom() {
    try {
      return ledger.awaitRoom(roomWait);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Sends the result and returns at once; the ledger acknowledges the offset once Kafka has the
   * result. A result Kafka refuses is sent again (never dead-lettered: the proof was published),
   * and meanwhile its offset and every later one of the partition stay uncommitted.
   */
  private void recordThenAcknowledge(
      final ConsumerRecord<String, ExecutionProof> record,
      final Acknowledgment ack,
      final BroadcastResult result) {
    final CommitLedger.Entry entry = ledger.admit(record, ack);
    results
        .recordAsync(result, entry::abandoned)
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                ledger.durable(entry);
              }
            });
  }

  /**
   * The value must be present, the key must be the block hash and the typed headers must decode; a
   * record that breaks the topic's contract is counted as undecodable and dead-lettered without a
   * publish attempt.
   */
  private void checkRecord(final ConsumerRecord<String, ExecutionProof> record) {
    try {
      if (record.value() == null) {
        throw ProofRecordException.emptyValue();
      }
      ProofRecordHeaders.readFrom(record.headers());
      final String blockHash = ProofRecordKeys.keyFor(record.value());
      if (record.key() != null && !record.key().equals(blockHash)) {
        throw ProofRecordException.keyMismatch(record.key(), blockHash);
      }
    } catch (final DecodeException e) {
      metrics.undecodable();
      throw e;
    }
  }

  /**
   * Records the dead-lettering in {@code broadcast-results}. Runs for every record that reaches the
   * DLT with a decodable value; one that does not decode is logged by Spring and skipped.
   */
  @DltHandler
  public void onDeadLetter(
      final ConsumerRecord<String, ExecutionProof> record, final Acknowledgment ack) {
    final ExecutionProof proof = record.value();
    final String blockHash =
        proof == null ? String.valueOf(record.key()) : proof.blockHash().toHexString();
    final int subnet = proof == null ? -1 : proof.subnetId().value();
    final int attempts = Math.max(1, RetryAttempts.current(record.headers()) - 1);
    results.record(
        new BroadcastResult(
            blockHash,
            subnet,
            BroadcastResult.Result.DEAD_LETTERED,
            attempts,
            0,
            DeadLetterReason.of(record.headers())));
    // Nothing of a DLT partition is ever in flight (this handler waits), so no ledger entry.
    ack.acknowledge();
  }
}

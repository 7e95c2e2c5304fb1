package io.zkstateless.broadcaster.retry;

import io.zkstateless.broadcaster.consume.DeadLetterReason;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.kafka.ProofRecordHeaders;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Reads the dead-letter topic with a short-lived consumer (no group, nothing committed, values as
 * raw bytes) and replays records by re-producing them to the proofs topic with their key and proof
 * headers, but without the retry headers, so a replay starts over at attempt 1.
 */
public final class DeadLetters {

  /** Upper bound on one page and on one "replay all". */
  public static final int MAX_PAGE = 500;

  public static final int MAX_REPLAY = 10_000;

  private static final Duration POLL = Duration.ofMillis(200);
  private static final List<String> PROOF_HEADERS =
      List.of(
          ProofRecordHeaders.PROOF_TYPE,
          ProofRecordHeaders.BLOCK_NUMBER,
          ProofRecordHeaders.SLOT,
          ProofRecordHeaders.BEACON_BLOCK_ROOT,
          ProofRecordHeaders.PROVER_ID);

  private final Map<String, Object> consumerConfig;
  private final KafkaTemplate<String, Object> template;
  private final ExecutionProofSchema schema;
  private final String deadLetterTopic;
  private final String proofsTopic;
  private final Duration timeout;

  public DeadLetters(
      final Map<String, Object> consumerConfig,
      final KafkaTemplate<String, Object> template,
      final ExecutionProofSchema schema,
      final String deadLetterTopic,
      final String proofsTopic,
      final Duration timeout) {
    this.consumerConfig = Map.copyOf(consumerConfig);
    this.template = template;
    this.schema = schema;
    this.deadLetterTopic = deadLetterTopic;
    this.proofsTopic = proofsTopic;
    this.timeout = timeout;
  }

  /**
   * Up to {@code limit} dead letters from the start of the topic, skipping the first {@code skip}.
   */
  public List<DeadLetter> list(final int skip, final int limit) {
    final List<DeadLetter> page = new ArrayList<>();
    final int[] seen = {0};
    scan(
        record -> {
          if (seen[0]++ >= skip && page.size() < limit) {
            page.add(describe(record));
          }
        },
        skip + limit);
    return page;
  }

  /** Re-produces one dead letter; empty if there is no record at that position. */
  public Optional<DeadLetter> replay(final int partition, final long offset) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      final TopicPartition tp = new TopicPartition(deadLetterTopic, partition);
      if (!consumer.partitionsFor(deadLetterTopic, timeout).stream()
          .anyMatch(p -> p.partition() == partition)) {
        return Optional.empty();
      }
      consumer.assign(List.of(tp));
      final long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
      if (offset < 0 || offset >= end) {
        return Optional.empty();
      }
      consumer.seek(tp, offset);
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (record.offset() == offset) {
            resend(record);
            return Optional.of(describe(record));
          }
          if (record.offset() > offset) {
            return Optional.empty(); // compacted or deleted
          }
        }
      }
      throw new KafkaException(
          "dead letter " + partition + "@" + offset + " not read within " + timeout);
    }
  }

  /** Re-produces every dead letter (at most {@link #MAX_REPLAY}); answers how many. */
  public int replayAll() {
    final int[] count = {0};
    scan(
        record -> {
          resend(record);
          count[0]++;
        },
        MAX_REPLAY);
    return count[0];
  }

  private void scan(final Consumer<ConsumerRecord<String, byte[]>> visitor, final int max) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(deadLetterTopic, timeout).stream()
              .map(p -> new TopicPartition(deadLetterTopic, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      int visited = 0;
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (visited < max && !reachedEnd(consumer, ends) && System.nanoTime() < deadline) {
        for (final ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (visited++ >= max) {
            break;
          }
          visitor.accept(record);
        }
      }
    }
  }

  private static boolean reachedEnd(
      final KafkaConsumer<String, byte[]> consumer, final Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private void resend(final ConsumerRecord<String, byte[]> record) {
    final ProducerRecord<String, Object> copy =
        new ProducerRecord<>(proofsTopic, record.key(), record.value());
    for (final String name : PROOF_HEADERS) {
      for (final Header header : record.headers().headers(name)) {
        copy.headers().add(header);
      }
    }
    try {
      template.send(copy).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final ExecutionException | TimeoutException e) {
      throw new KafkaException(
          "replay of " + record.partition() + "@" + record.offset() + " not acknowledged", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted during replay", e);
    }
  }

  private DeadLetter describe(final ConsumerRecord<String, byte[]> record) {
    String blockHash = null;
    int subnet = -1;
    if (record.value() != null && record.value().length <= schema.maxSize()) {
      try {
        final ExecutionProof proof = schema.decode(record.value());
        blockHash = proof.blockHash().toHexString();
        subnet = proof.subnetId().value();
      } catch (final DecodeException e) {
        // Shown as undecodable: no block hash, subnet -1.
      }
    }
    return new DeadLetter(
        record.partition(),
        record.offset(),
        record.key(),
        blockHash,
        subnet,
        record.timestamp(),
        DeadLetterReason.of(record.headers()));
  }

  private KafkaConsumer<String, byte[]> consumer() {
    final Map<String, Object> config = new java.util.HashMap<>(consumerConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}

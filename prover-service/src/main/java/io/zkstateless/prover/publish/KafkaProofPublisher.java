package io.zkstateless.prover.publish;

import io.zkstateless.common.model.kafka.ProofRecordHeaders;
import io.zkstateless.prover.jobs.ProofJob;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes proofs to the {@code execution-proofs} topic: key = execution block hash hex (so all
 * proofs of a block share a partition), value = the SSZ record, headers = {@link
 * ProofRecordHeaders}. The template's producer is idempotent with {@code acks=all}
 * (application.yaml), so broker-side retries never duplicate a record; the future completes only
 * once every in-sync replica has it.
 */
public final class KafkaProofPublisher implements ProofSink {

  private final KafkaTemplate<String, byte[]> kafka;
  private final String topic;
  private final String proverId;

  public KafkaProofPublisher(
      final KafkaTemplate<String, byte[]> kafka, final String topic, final String proverId) {
    this.kafka = kafka;
    this.topic = topic;
    this.proverId = proverId;
  }

  @Override
  public CompletableFuture<Void> send(final ProofJob job, final byte[] record) {
    final ProducerRecord<String, byte[]> message =
        new ProducerRecord<>(topic, job.block().blockHash().toHexString(), record);
    new ProofRecordHeaders(
            job.proofType(),
            job.block().blockNumber(),
            job.block().slot(),
            job.block().beaconBlockRoot(),
            proverId)
        .writeTo(message.headers());
    return kafka.send(message).thenApply(result -> null);
  }
}

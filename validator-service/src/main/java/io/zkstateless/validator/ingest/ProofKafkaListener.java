package io.zkstateless.validator.ingest;

import io.zkstateless.common.model.proof.ExecutionProof;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Local proofs from {@code execution-proofs} (the trusted path beside gossip). The value arrives
 * already decoded; a record that failed to decode arrives with a null value and the error in a
 * header, and is counted as a REJECT instead of stopping the partition. Offsets are committed
 * after the listener returns, i.e. after the proof is stored, and storing is idempotent, so
 * redelivery after a crash changes nothing. A proof whose external verifier is unavailable is not
 * answered IGNORE (its offset would be committed and the proof lost) but thrown back as {@link
 * VerifierUnavailableException}, which the error handler retries until the verifier answers. A
 * proof whose block is not known yet holds the listener until the block arrives and the proof is
 * stored (at most {@code ProofIngestionPipeline.KAFKA_BLOCK_WAIT}), for the same reason.
 */
@Component
public class ProofKafkaListener {

  private static final Logger LOG = LoggerFactory.getLogger(ProofKafkaListener.class);
  private static final String VERIFIER_UNAVAILABLE = "verifier_unavailable";

  private final ProofIngestionPipeline pipeline;

  public ProofKafkaListener(final ProofIngestionPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @KafkaListener(
      id = "validator-proofs",
      topics = "${validator.kafka.proofs-topic}",
      groupId = "${validator.kafka.group-id}")
  public void onRecord(final ConsumerRecord<String, ExecutionProof> record) {
    final ProofSource source = ProofSource.kafka(record.partition());
    if (record.value() == null) {
      final boolean failed = record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null;
      LOG.debug("Undecodable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
      pipeline.undecodable(source, failed ? "value failed to decode as ExecutionProof" : "empty value");
      return;
    }
    final IngestResult result = pipeline.ingest(record.value(), source, OptionalInt.empty());
    if (result.verdict() == Verdict.IGNORE && VERIFIER_UNAVAILABLE.equals(result.reason())) {
      throw new VerifierUnavailableException(
          "proof of " + record.key() + " at " + record.topic() + "-" + record.partition() + "@" + record.offset()
              + ": " + result.detail());
    }
  }
}

package io.zkstateless.e2e.support;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.kafka.ProofRecordHeaders;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Writes mock proofs to {@code execution-proofs} exactly as the prover's {@code
 * KafkaProofPublisher} does (key = block hash, SSZ value, {@code zk-*} headers, idempotent producer
 * with acks=all), so a test controls which proof is published when without running zkVM jobs.
 */
public final class ProofFeed implements AutoCloseable {

  public static final String TOPIC = "execution-proofs";

  private final DefaultKafkaProducerFactory<String, byte[]> factory;
  private final KafkaTemplate<String, byte[]> kafka;

  public ProofFeed(final String bootstrapServers) {
    this.factory =
        new DefaultKafkaProducerFactory<>(
            Map.of(
                "bootstrap.servers", bootstrapServers,
                "acks", "all",
                "enable.idempotence", true,
                "linger.ms", 0,
                "max.request.size", 8 * 1024 * 1024),
            new StringSerializer(),
            new ByteArraySerializer());
    this.kafka = new KafkaTemplate<>(factory);
  }

  /** The valid mock proof of {@code size} bytes for the block at {@code slot} and a proof type. */
  public static ExecutionProof mockProof(final int slot, final int proofType, final int size) {
    final Bytes32 blockHash = Bytes32.fromHex(TestChain.payloadHash(slot));
    return new ExecutionProof(
        blockHash,
        new ExecutionProofSubnetId(proofType),
        1,
        ImmutableBytes.of(MockProofScheme.create(blockHash, proofType, size)),
        Instant.now().getEpochSecond());
  }

  /** Publishes a proof of the block at {@code slot}; completes once Kafka acknowledged it. */
  public CompletableFuture<SendResult<String, byte[]>> publish(
      final int slot, final String proofTypeName, final ExecutionProof proof) {
    final ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            TOPIC, proof.blockHash().toHexString(), ExecutionProofSchema.DEFAULT.encode(proof));
    new ProofRecordHeaders(
            proofTypeName, slot, slot, Bytes32.fromHex(TestChain.beaconRoot(slot)), "e2e-feed")
        .writeTo(record.headers());
    return kafka.send(record);
  }

  @Override
  public void close() {
    factory.destroy();
  }
}

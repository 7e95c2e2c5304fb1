package io.zkstateless.validator.reliability;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.kafka.ExecutionProofSerializer;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.common.test.fault.FaultProxy;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Helpers shared by the fault tests. */
final class Reliability {

  static final int MOCK_SUBNET = 7;

  private Reliability() {}

  /** The beacon root of test block {@code n}. */
  static String root(final int n) {
    return "0x" + "a1".repeat(30) + String.format("%04x", n);
  }

  /** The execution block hash of test block {@code n}. */
  static String payload(final int n) {
    return "0x" + "e1".repeat(30) + String.format("%04x", n);
  }

  /** Publishes a valid mock proof of block {@code n} to {@code execution-proofs}. */
  static void sendProof(final Producer<String, byte[]> producer, final int n) {
    sendProofAsync(producer, n);
    producer.flush();
  }

  /** As {@link #sendProof}, without waiting: the record stays buffered while the broker is away. */
  static void sendProofAsync(final Producer<String, byte[]> producer, final int n) {
    sendProofAsync(producer, n, 1024);
  }

  /** As {@link #sendProofAsync(Producer, int)}, with a proof of {@code size} bytes. */
  static void sendProofAsync(final Producer<String, byte[]> producer, final int n, final int size) {
    final Bytes32 hash = Bytes32.fromHex(payload(n));
    final ExecutionProof proof = new ExecutionProof(hash, ExecutionProofSubnetId.of(MOCK_SUBNET), 1,
        ImmutableBytes.of(MockProofScheme.create(hash, MOCK_SUBNET, size)), Instant.now().getEpochSecond());
    producer.send(new ProducerRecord<>("execution-proofs", payload(n),
        new ExecutionProofSerializer().serialize("execution-proofs", proof)));
  }

  /** Publishes a proof of block {@code n} on {@code subnet} with {@code data} to {@code execution-proofs}. */
  static void sendProof(final Producer<String, byte[]> producer, final int n, final int subnet, final byte[] data) {
    final Bytes32 hash = Bytes32.fromHex(payload(n));
    final ExecutionProof proof = new ExecutionProof(hash, ExecutionProofSubnetId.of(subnet), 1,
        ImmutableBytes.of(data), Instant.now().getEpochSecond());
    producer.send(new ProducerRecord<>("execution-proofs", payload(n),
        new ExecutionProofSerializer().serialize("execution-proofs", proof)));
    producer.flush();
  }

  static Producer<String, byte[]> producer(final String bootstrapServers) {
    final Map<String, Object> props = KafkaTestUtils.producerProps(bootstrapServers);
    props.put("key.serializer", StringSerializer.class);
    props.put("value.serializer", ByteArraySerializer.class);
    return new DefaultKafkaProducerFactory<String, byte[]>(props).createProducer();
  }

  /** The JDBC URL with its host and port replaced by the proxy's. */
  static String throughProxy(final String jdbcUrl, final FaultProxy proxy) {
    return jdbcUrl.replaceFirst("^jdbc:postgresql://[^/]+/", "jdbc:postgresql://" + proxy.hostAndPort() + "/");
  }
}

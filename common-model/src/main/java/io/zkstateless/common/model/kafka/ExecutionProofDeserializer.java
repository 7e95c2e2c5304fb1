package io.zkstateless.common.model.kafka;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.ssz.SszDecodeException;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for SSZ {@link ExecutionProof}s. Record values are untrusted: anything
 * but a canonical, in-range encoding raises {@link SszDecodeException} and nothing else, so Spring
 * Kafka's {@code ErrorHandlingDeserializer} can wrap it and route the record to the dead-letter
 * topic. Optional config {@code zk.max-execution-proof-subnets} (default 8).
 */
public final class ExecutionProofDeserializer implements Deserializer<ExecutionProof> {

  private ExecutionProofSchema schema;

  /** For Kafka's reflective construction; {@link #configure} may narrow the subnet count. */
  public ExecutionProofDeserializer() {
    this(ExecutionProofSchema.DEFAULT);
  }

  public ExecutionProofDeserializer(final ExecutionProofSchema schema) {
    this.schema = schema;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    this.schema = ExecutionProofSerdeConfig.schemaFrom(configs);
  }

  /**
   * Null stays null (a tombstone).
   *
   * @throws SszDecodeException if the bytes are not a valid v1 execution proof
   */
  @Override
  public ExecutionProof deserialize(final String topic, final byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length > schema.maxSize()) {
      throw new SszDecodeException(
          0, schema.typeName(), "record of " + data.length + " bytes exceeds " + schema.maxSize());
    }
    return schema.decode(data);
  }
}

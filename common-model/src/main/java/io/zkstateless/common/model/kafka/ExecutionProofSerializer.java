package io.zkstateless.common.model.kafka;

import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer: the SSZ encoding of an {@link ExecutionProof}. Optional config {@code
 * zk.max-execution-proof-subnets} (default 8).
 */
public final class ExecutionProofSerializer implements Serializer<ExecutionProof> {

  private ExecutionProofSchema schema;

  /** For Kafka's reflective construction; {@link #configure} may narrow the subnet count. */
  public ExecutionProofSerializer() {
    this(ExecutionProofSchema.DEFAULT);
  }

  public ExecutionProofSerializer(final ExecutionProofSchema schema) {
    this.schema = schema;
  }

  @Override
  public void configure(final Map<String, ?> configs, final boolean isKey) {
    this.schema = ExecutionProofSerdeConfig.schemaFrom(configs);
  }

  /** Null stays null (a tombstone); otherwise the SSZ bytes. */
  @Override
  public byte[] serialize(final String topic, final ExecutionProof proof) {
    return proof == null ? null : schema.encode(proof);
  }
}

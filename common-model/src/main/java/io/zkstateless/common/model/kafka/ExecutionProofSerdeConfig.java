package io.zkstateless.common.model.kafka;

import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetConfig;
import java.util.Map;

/** Reads the schema setting shared by the proof serializer and deserializer from Kafka configs. */
final class ExecutionProofSerdeConfig {

  /** Same name as the application property, so Spring can pass it through unchanged. */
  static final String MAX_SUBNETS = "zk.max-execution-proof-subnets";

  private ExecutionProofSerdeConfig() {}

  static ExecutionProofSchema schemaFrom(final Map<String, ?> configs) {
    final Object value = configs == null ? null : configs.get(MAX_SUBNETS);
    if (value == null) {
      return ExecutionProofSchema.DEFAULT;
    }
    final int maxSubnets;
    try {
      maxSubnets =
          value instanceof Number number
              ? number.intValue()
              : Integer.parseInt(value.toString().trim());
    } catch (final NumberFormatException e) {
      throw new IllegalArgumentException(MAX_SUBNETS + " is not a number: '" + value + "'", e);
    }
    return new ExecutionProofSchema(new ExecutionProofSubnetConfig(maxSubnets));
  }
}

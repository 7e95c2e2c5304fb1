package io.zkstateless.prover.witness.web3j;

import io.zkstateless.prover.witness.ExecutionWitness;
import io.zkstateless.prover.witness.ExecutionWitnessReader;
import io.zkstateless.prover.witness.WitnessLimits;
import org.web3j.protocol.core.Response;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * {@code debug_executionWitness} response. When it travels through web3j's own {@code send()}, the
 * result is still read by the streaming {@link ExecutionWitnessReader} (default limits), so every
 * client shape parses; the body itself was buffered by web3j, which is fine only for small
 * witnesses.
 */
public class ExecutionWitnessResponse extends Response<ExecutionWitness> {

  @Override
  @JsonDeserialize(using = ResultDeserializer.class)
  public void setResult(final ExecutionWitness result) {
    super.setResult(result);
  }

  public ExecutionWitness getExecutionWitness() {
    return getResult();
  }

  /** Delegates to the streaming reader, so web3j and the streaming path accept the same shapes. */
  public static class ResultDeserializer extends ValueDeserializer<ExecutionWitness> {

    private final ExecutionWitnessReader reader = new ExecutionWitnessReader(WitnessLimits.DEFAULT);

    @Override
    public ExecutionWitness deserialize(
        final JsonParser parser, final DeserializationContext ctxt) {
      return reader.read(parser);
    }
  }
}

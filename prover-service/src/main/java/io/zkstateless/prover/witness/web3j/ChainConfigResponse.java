package io.zkstateless.prover.witness.web3j;

import org.web3j.protocol.core.Response;
import tools.jackson.databind.JsonNode;

/**
 * {@code debug_chainConfig} response. Its shape is client-specific (geth's {@code
 * params.ChainConfig}: {@code chainId}, fork blocks and times, blob schedule), so it is kept as a
 * JSON tree for the guest-input builder.
 */
public class ChainConfigResponse extends Response<JsonNode> {

  public JsonNode getChainConfig() {
    return getResult();
  }
}

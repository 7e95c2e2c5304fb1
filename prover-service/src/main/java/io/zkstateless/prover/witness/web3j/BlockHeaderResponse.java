package io.zkstateless.prover.witness.web3j;

import org.web3j.protocol.core.Response;
import tools.jackson.databind.JsonNode;

/**
 * {@code eth_getBlockByHash} / {@code eth_getBlockByNumber} (without transactions) kept as a JSON
 * tree: web3j's {@code EthBlock.Block} drops fields it does not know, such as Amsterdam's {@code
 * slotNumber} (EIP-7843), which the admin API needs to find the block's beacon block.
 */
public class BlockHeaderResponse extends Response<JsonNode> {}

package io.zkstateless.prover.witness.web3j;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;

/**
 * web3j extension (in the style of web3j's {@code Geth} and {@code Besu} modules) for the
 * execution-client methods the prover needs beyond {@link Web3j}'s standard {@code eth_*} ones,
 * such as {@code eth_getBlockByHash}.
 *
 * <p>Each method only builds a {@link Request}; {@code send()} works for all of them. A large
 * witness should not be sent through web3j's {@code HttpService}, which buffers the whole body
 * twice: pass the request to {@code StreamingWitnessTransport} instead, which streams it.
 */
public interface DebugWitnessWeb3j extends Web3j {

  static DebugWitnessWeb3j build(final Web3jService web3jService) {
    return new JsonRpc2_0DebugWitnessWeb3j(web3jService);
  }

  /**
   * {@code debug_executionWitness(blockNumberOrHash)}: served by every client (reth, geth, Besu,
   * ethrex, Nethermind, Erigon); geth has no by-hash variant, so pass a hash here for geth.
   */
  Request<?, ExecutionWitnessResponse> debugExecutionWitness(String blockNumberOrHash);

  /** {@code debug_executionWitnessByBlockHash(hash)}: reth, ethrex and nimbus only. */
  Request<?, ExecutionWitnessResponse> debugExecutionWitnessByBlockHash(String blockHash);

  /** {@code debug_getRawBlock(blockNumberOrHash)}: the RLP of the whole block. */
  Request<?, RawBlockResponse> debugGetRawBlock(String blockNumberOrHash);

  /**
   * {@code debug_getRawBlockAccessList(blockHash)}: the block's EIP-7928 access list as RLP, which
   * the Amsterdam block body does not carry (execution-apis #794; by hash since #851; Besu,
   * nimbus). {@code null} for an unknown block, {@code -32001} before Amsterdam, {@code 4444} when
   * pruned.
   */
  Request<?, RawBlockAccessListResponse> debugGetRawBlockAccessList(String blockHash);

  /** {@code debug_chainConfig()}: the client's chain configuration object. */
  Request<?, ChainConfigResponse> debugChainConfig();

  /** {@code eth_getBlockByHash(hash, false)} as a JSON tree ({@link BlockHeaderResponse}). */
  Request<?, BlockHeaderResponse> blockHeaderByHash(String blockHash);

  /** {@code eth_getBlockByNumber(hexNumber, false)} as a JSON tree ({@link BlockHeaderResponse}). */
  Request<?, BlockHeaderResponse> blockHeaderByNumber(String hexNumber);
}

package io.zkstateless.prover.witness.web3j;

import java.util.List;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.JsonRpc2_0Web3j;
import org.web3j.protocol.core.Request;

/** JSON-RPC 2.0 implementation of {@link DebugWitnessWeb3j}. */
public class JsonRpc2_0DebugWitnessWeb3j extends JsonRpc2_0Web3j implements DebugWitnessWeb3j {

  public JsonRpc2_0DebugWitnessWeb3j(final Web3jService web3jService) {
    super(web3jService);
  }

  @Override
  public Request<?, ExecutionWitnessResponse> debugExecutionWitness(
      final String blockNumberOrHash) {
    return new Request<>(
        "debug_executionWitness",
        List.of(blockNumberOrHash),
        web3jService,
        ExecutionWitnessResponse.class);
  }

  @Override
  public Request<?, ExecutionWitnessResponse> debugExecutionWitnessByBlockHash(
      final String blockHash) {
    return new Request<>(
        "debug_executionWitnessByBlockHash",
        List.of(blockHash),
        web3jService,
        ExecutionWitnessResponse.class);
  }

  @Override
  public Request<?, RawBlockResponse> debugGetRawBlock(final String blockNumberOrHash) {
    return new Request<>(
        "debug_getRawBlock", List.of(blockNumberOrHash), web3jService, RawBlockResponse.class);
  }

  @Override
  public Request<?, RawBlockAccessListResponse> debugGetRawBlockAccessList(final String blockHash) {
    return new Request<>(
        "debug_getRawBlockAccessList",
        List.of(blockHash),
        web3jService,
        RawBlockAccessListResponse.class);
  }

  @Override
  public Request<?, ChainConfigResponse> debugChainConfig() {
    return new Request<>("debug_chainConfig", List.of(), web3jService, ChainConfigResponse.class);
  }

  @Override
  public Request<?, BlockHeaderResponse> blockHeaderByHash(final String blockHash) {
    return new Request<>(
        "eth_getBlockByHash", List.of(blockHash, false), web3jService, BlockHeaderResponse.class);
  }

  @Override
  public Request<?, BlockHeaderResponse> blockHeaderByNumber(final String hexNumber) {
    return new Request<>(
        "eth_getBlockByNumber", List.of(hexNumber, false), web3jService, BlockHeaderResponse.class);
  }
}

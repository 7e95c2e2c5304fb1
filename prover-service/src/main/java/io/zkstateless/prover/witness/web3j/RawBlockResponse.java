package io.zkstateless.prover.witness.web3j;

import org.web3j.protocol.core.Response;

/** {@code debug_getRawBlock} response: the block's RLP as {@code 0x}-hex. */
public class RawBlockResponse extends Response<String> {

  public String getRawBlock() {
    return getResult();
  }
}

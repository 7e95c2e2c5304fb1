package io.zkstateless.prover.witness.web3j;

import org.web3j.protocol.core.Response;

/** {@code debug_getRawBlockAccessList} response: the EIP-7928 block access list RLP as hex. */
public class RawBlockAccessListResponse extends Response<String> {

  public String getRawBlockAccessList() {
    return getResult();
  }
}

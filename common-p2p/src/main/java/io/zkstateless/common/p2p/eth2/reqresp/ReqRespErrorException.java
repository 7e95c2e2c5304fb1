package io.zkstateless.common.p2p.eth2.reqresp;

/**
 * A well-formed error answer: the peer replied with a non-zero result code, or a local handler
 * wants one sent ({@link ResponseChunk#RESOURCE_UNAVAILABLE}, ...). Malformed bytes raise {@link
 * io.zkstateless.common.p2p.P2pProtocolException} instead.
 */
public final class ReqRespErrorException extends RuntimeException {

  private final int resultCode;

  public ReqRespErrorException(final int resultCode, final String message) {
    super("result " + resultCode + ": " + message);
    this.resultCode = resultCode;
  }

  public int resultCode() {
    return resultCode;
  }
}

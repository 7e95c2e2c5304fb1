package io.zkstateless.prover.witness;

/** The execution client answered with a JSON-RPC {@code error} object. */
public final class JsonRpcErrorException extends ExecutionClientException {

  private final String method;
  private final int code;
  private final String rpcMessage;

  public JsonRpcErrorException(final String method, final int code, final String rpcMessage) {
    super(
        FailureReason.RPC_ERROR,
        method + " failed with JSON-RPC error " + code + ": " + rpcMessage);
    this.method = method;
    this.code = code;
    this.rpcMessage = rpcMessage == null ? "" : rpcMessage;
  }

  public String method() {
    return method;
  }

  public int code() {
    return code;
  }

  public String rpcMessage() {
    return rpcMessage;
  }
}

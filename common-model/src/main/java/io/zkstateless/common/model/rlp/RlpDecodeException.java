package io.zkstateless.common.model.rlp;

import io.zkstateless.common.model.codec.DecodeException;

/** RLP that is truncated, non-canonical, too deeply nested, or not the shape the caller expects. */
public final class RlpDecodeException extends DecodeException {

  public RlpDecodeException(final long offset, final String problem) {
    super("RLP", offset, problem);
  }
}

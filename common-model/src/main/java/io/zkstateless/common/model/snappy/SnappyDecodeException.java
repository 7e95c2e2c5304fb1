package io.zkstateless.common.model.snappy;

import io.zkstateless.common.model.codec.DecodeException;

/** Snappy data (block or framed) that is malformed, too large, or fails its checksum. */
public final class SnappyDecodeException extends DecodeException {

  public SnappyDecodeException(final long offset, final String problem) {
    super("snappy", offset, problem);
  }

  public SnappyDecodeException(final long offset, final String problem, final Throwable cause) {
    super("snappy", offset, problem, cause);
  }
}

package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.codec.DecodeException;

/**
 * Raised for any SSZ input that is not the canonical encoding of a value of the expected type. The
 * message names the field path ({@code ExecutionProof.proof_data}) and the absolute byte offset in
 * the decoded buffer, so a rejected message can be diagnosed from the log line alone.
 */
public final class SszDecodeException extends DecodeException {

  private final String path;

  public SszDecodeException(final long offset, final String path, final String problem) {
    super("SSZ", offset, path + ": " + problem);
    this.path = path;
  }

  public SszDecodeException(
      final long offset, final String path, final String problem, final Throwable cause) {
    super("SSZ", offset, path + ": " + problem, cause);
    this.path = path;
  }

  /** Type and field path of the value that failed, e.g. {@code ExecutionProof.proof_data}. */
  public String path() {
    return path;
  }
}

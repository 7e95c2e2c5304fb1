package io.zkstateless.common.model.witness;

import io.zkstateless.common.model.codec.DecodeException;

/**
 * Witness proof data whose RLP is well formed but whose shape is not {@link WitnessProofFormat}: a
 * missing or extra field, a list longer than its limit, an item longer or shorter than allowed.
 */
public final class WitnessProofDecodeException extends DecodeException {

  public WitnessProofDecodeException(final long offset, final String problem) {
    super("witness proof", offset, problem);
  }
}

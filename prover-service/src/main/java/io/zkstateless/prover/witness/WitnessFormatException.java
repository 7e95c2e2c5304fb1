package io.zkstateless.prover.witness;

import io.zkstateless.common.model.codec.DecodeException;

/**
 * An execution client answered {@code debug_executionWitness} with something that is not a valid
 * witness: not JSON, wrong JSON types, bad hex, a missing field, or more data than the configured
 * {@link WitnessLimits} allow. The offset is the character offset in the HTTP body where the
 * problem was found, so an operator can cut the response at that point.
 */
public final class WitnessFormatException extends DecodeException {

  public static final String FORMAT = "execution witness JSON";

  public WitnessFormatException(final long offset, final String problem) {
    super(FORMAT, offset, problem);
  }

  public WitnessFormatException(final long offset, final String problem, final Throwable cause) {
    super(FORMAT, offset, problem, cause);
  }
}

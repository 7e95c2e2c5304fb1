package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.stateless.PublicValuesCodec;
import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import io.zkstateless.common.model.stateless.StatelessValidationResult;
import io.zkstateless.prover.proving.ProvingException;

/**
 * Checks a proof's public values against the input that was sent: the guest must commit the same
 * {@code new_payload_request_root} and chain id, and must have found the block valid. OpenVM and
 * ZisK pad the committed bytes to 256 with zeros, which {@link PublicValuesCodec} accepts.
 *
 * <p>A mismatch means the server runs a guest of another schema revision (or another program
 * altogether): the worker's fault, retryable. A guest that found the block invalid is the job's:
 * the input is what the execution client gave, and publishing a proof of an invalid execution as
 * the block's proof would mislead every validator.
 */
final class PublicValuesCheck {

  private PublicValuesCheck() {}

  static void check(
      final StatelessSchemaRevision revision, final GuestInput sent, final byte[] publicValues) {
    final StatelessValidationResult result;
    try {
      result =
          revision == StatelessSchemaRevision.AMSTERDAM_1501_FORK_CONFIG
              ? revision.decodeValidationResult(publicValues)
              : PublicValuesCodec.decode(publicValues);
    } catch (final DecodeException e) {
      throw new ProvingException(
          "ere_public_values_mismatch",
          "public values are not a " + revision + " validation result: " + e.getMessage());
    }
    if (!result.newPayloadRequestRoot().equals(sent.newPayloadRequestRoot())
        || result.chainId() != sent.chainId()) {
      throw new ProvingException(
          "ere_public_values_mismatch",
          "proof commits to request root "
              + result.newPayloadRequestRoot()
              + " on chain "
              + result.chainId()
              + ", the input had "
              + sent.newPayloadRequestRoot()
              + " on chain "
              + sent.chainId());
    }
    if (!result.successfulValidation()) {
      throw ProvingException.permanent(
          "guest_validation_failed",
          "the guest found block request " + sent.newPayloadRequestRoot() + " invalid");
    }
  }
}

package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.Objects;

/**
 * What a stateless guest outputs and a verifier compares: the root of the request it validated,
 * whether validation succeeded, and the chain configuration it validated for. The SSZ of this
 * container is what the guest commits as public values; see {@link PublicValuesCodec} for the byte
 * forms in use.
 */
public record StatelessValidationResult(
    Bytes32 newPayloadRequestRoot, boolean successfulValidation, ChainConfig chainConfig) {

  public StatelessValidationResult {
    Objects.requireNonNull(newPayloadRequestRoot, "newPayloadRequestRoot");
    Objects.requireNonNull(chainConfig, "chainConfig");
  }

  /** A result for a chain given by its id alone: all the 41- and 43-byte forms carry. */
  public StatelessValidationResult(
      final Bytes32 newPayloadRequestRoot, final boolean successfulValidation, final long chainId) {
    this(newPayloadRequestRoot, successfulValidation, ChainConfig.of(chainId));
  }

  public long chainId() {
    return chainConfig.chainId();
  }
}

package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.Objects;

/**
 * What a stateless guest outputs and a verifier compares: the root of the request it validated,
 * whether validation succeeded, and the chain id. The SSZ of this container is what the guest
 * commits as public values; see {@link PublicValuesCodec} for the byte forms in use.
 */
public record StatelessValidationResult(
    Bytes32 newPayloadRequestRoot, boolean successfulValidation, long chainId) {

  public StatelessValidationResult {
    Objects.requireNonNull(newPayloadRequestRoot, "newPayloadRequestRoot");
  }
}

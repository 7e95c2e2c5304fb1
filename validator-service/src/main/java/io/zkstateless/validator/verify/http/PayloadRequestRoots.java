package io.zkstateless.validator.verify.http;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.chain.BeaconBlock;

/** The {@code new_payload_request_root} of a block: what an external verifier keys proofs by. */
public interface PayloadRequestRoots {

  /**
   * @throws RootUnavailableException when it cannot be computed now (beacon node down, a fork
   *     without the Electra/Fulu shape, a block that does not match)
   */
  Bytes32 rootFor(BeaconBlock block);

  /** Why a root could not be computed; never the proof sender's fault. */
  final class RootUnavailableException extends RuntimeException {
    public RootUnavailableException(final String message) {
      super(message);
    }
  }
}

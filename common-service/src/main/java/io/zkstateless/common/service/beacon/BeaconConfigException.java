package io.zkstateless.common.service.beacon;

import io.zkstateless.common.model.codec.DecodeException;

/** A Beacon API answer needed for the fork digest is missing, malformed or unreachable. */
public final class BeaconConfigException extends DecodeException {

  public BeaconConfigException(final String endpoint, final String problem) {
    super("Beacon API " + endpoint, 0, problem);
  }
}

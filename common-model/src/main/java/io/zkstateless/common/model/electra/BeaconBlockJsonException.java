package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.codec.DecodeException;

/**
 * A Beacon API block whose JSON does not describe an Electra/Fulu block with an execution payload:
 * a missing or malformed field (named by its JSON path), a list over its preset limit, or another
 * fork. JSON has no byte offset worth reporting, so the offset is always 0 and the path says where.
 */
public final class BeaconBlockJsonException extends DecodeException {

  public BeaconBlockJsonException(final String path, final String problem) {
    super("beacon block JSON", 0, path + ": " + problem);
  }
}

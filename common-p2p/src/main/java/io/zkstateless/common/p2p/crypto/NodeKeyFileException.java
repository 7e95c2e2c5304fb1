package io.zkstateless.common.p2p.crypto;

import java.nio.file.Path;

/** A node key file that cannot be read, written or understood; the message names the file. */
public class NodeKeyFileException extends RuntimeException {

  public NodeKeyFileException(final Path path, final String problem) {
    super("Node key file " + path + ": " + problem);
  }

  public NodeKeyFileException(final Path path, final String problem, final Throwable cause) {
    super("Node key file " + path + ": " + problem, cause);
  }
}

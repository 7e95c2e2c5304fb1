package io.zkstateless.common.p2p.crypto;

import io.zkstateless.common.model.codec.DecodeException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists a node's identity so its peer id survives restarts (peers score and remember ids). The
 * file holds the libp2p {@code PrivateKey} protobuf, the same bytes go-libp2p and js-libp2p key
 * files use; it is created owner-read/write only (0600).
 */
public final class NodeKeyFile {

  private static final Logger LOG = LoggerFactory.getLogger(NodeKeyFile.class);

  /** A secp256k1 {@code PrivateKey} protobuf is 36 bytes; anything much larger is not a key. */
  private static final long MAX_FILE_BYTES = 1024;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private NodeKeyFile() {}

  /**
   * Loads the key at {@code path}, or generates one and writes it there if there is no file.
   *
   * @throws NodeKeyFileException if the file exists but is not a secp256k1 key, or I/O fails
   */
  public static Secp256k1PrivateKey loadOrCreate(final Path path) {
    if (Files.exists(path)) {
      return load(path);
    }
    final Secp256k1PrivateKey key = Secp256k1PrivateKey.generate();
    write(path, key);
    LOG.info("Generated new node key {} at {}", PeerId.fromPublicKey(key.publicKey()), path);
    return key;
  }

  /**
   * @throws NodeKeyFileException if the file is missing, too large, or not a secp256k1 key
   */
  public static Secp256k1PrivateKey load(final Path path) {
    try {
      final long size = Files.size(path);
      if (size > MAX_FILE_BYTES) {
        throw new NodeKeyFileException(
            path, size + " bytes is too large for a libp2p secp256k1 private key protobuf");
      }
      warnIfReadableByOthers(path);
      return KeyProtobuf.decodeSecp256k1Private(Files.readAllBytes(path));
    } catch (final DecodeException e) {
      throw new NodeKeyFileException(
          path, "not a libp2p secp256k1 PrivateKey protobuf (" + e.getMessage() + ")", e);
    } catch (final IOException e) {
      throw new NodeKeyFileException(path, "cannot read: " + e, e);
    }
  }

  /**
   * Writes {@code key} to a new file with owner-only permissions; an existing file is never
   * overwritten (it would silently change the node's identity).
   */
  public static void write(final Path path, final Secp256k1PrivateKey key) {
    final Path dir = path.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      final boolean posix =
          Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
      final Path tmp =
          posix
              ? Files.createTempFile(
                  dir, ".nodekey", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
              : Files.createTempFile(dir, ".nodekey", ".tmp");
      try {
        Files.write(tmp, KeyProtobuf.encodePrivate(key));
        moveNoReplace(tmp, path);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (final FileAlreadyExistsException e) {
      throw new NodeKeyFileException(
          path, "already exists; refusing to replace a node identity", e);
    } catch (final IOException e) {
      throw new NodeKeyFileException(path, "cannot write: " + e, e);
    }
  }

  private static void moveNoReplace(final Path tmp, final Path path) throws IOException {
    try {
      // A hard link appears atomically and fails if the target exists; rename would replace it.
      Files.createLink(path, tmp);
    } catch (final UnsupportedOperationException e) {
      Files.copy(tmp, path, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static void warnIfReadableByOthers(final Path path) throws IOException {
    if (!Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    final Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
    if (!OWNER_ONLY.containsAll(perms)) {
      LOG.warn(
          "Node key file {} has permissions {}; it should be readable by its owner only (chmod"
              + " 600)",
          path,
          PosixFilePermissions.toString(perms));
    }
  }
}

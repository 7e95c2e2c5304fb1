package io.zkstateless.common.p2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyFileTest {

  @TempDir Path dir;

  @Test
  void keepsTheSameIdentityAcrossRestartsInAnOwnerOnlyFile() throws Exception {
    final Path file = dir.resolve("keys/node.key");
    final Secp256k1PrivateKey first = NodeKeyFile.loadOrCreate(file);
    final Secp256k1PrivateKey second = NodeKeyFile.loadOrCreate(file);
    assertThat(second.raw()).isEqualTo(first.raw());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readAllBytes(file)).isEqualTo(KeyProtobuf.encodePrivate(first)).hasSize(36);
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void refusesToOverwriteAnExistingIdentity() {
    final Path file = dir.resolve("node.key");
    NodeKeyFile.loadOrCreate(file);
    assertThatThrownBy(() -> NodeKeyFile.write(file, Secp256k1PrivateKey.generate()))
        .isInstanceOf(NodeKeyFileException.class)
        .hasMessageContaining("refusing to replace");
  }

  @Test
  void badFilesGiveAClearError() throws Exception {
    final Path garbage = Files.write(dir.resolve("garbage.key"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> NodeKeyFile.loadOrCreate(garbage))
        .isInstanceOf(NodeKeyFileException.class)
        .hasMessageContaining(garbage.toString())
        .hasMessageContaining("not a libp2p secp256k1 PrivateKey protobuf");
    final Path ed25519 = Files.write(dir.resolve("ed.key"), new byte[] {0x08, 0x01, 0x12, 0x00});
    assertThatThrownBy(() -> NodeKeyFile.load(ed25519)).hasMessageContaining("is not SECP256K1");
    final Path big = Files.write(dir.resolve("big.key"), new byte[5000]);
    assertThatThrownBy(() -> NodeKeyFile.load(big)).hasMessageContaining("too large");
    assertThatThrownBy(() -> NodeKeyFile.load(dir.resolve("missing.key")))
        .isInstanceOf(NodeKeyFileException.class)
        .hasMessageContaining("cannot read");
  }
}

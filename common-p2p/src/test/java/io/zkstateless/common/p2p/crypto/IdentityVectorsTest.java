package io.zkstateless.common.p2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.test.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The identity section of libp2p-vectors.json, computed with js-libp2p. */
class IdentityVectorsTest {

  private static final JsonNode V = Fixtures.libp2pVectors().get("identity");

  private static byte[] hex(final String field) {
    return Hex.decode(V.get(field).asString());
  }

  @Test
  void derivesPublicKeyProtobufAndPeerIdFromPrivateKey() {
    final Secp256k1PrivateKey key = Secp256k1PrivateKey.fromRaw(hex("secp256k1PrivateKeyHex"));
    assertThat(key.publicKey().raw()).isEqualTo(hex("publicKeyCompressedHex"));
    assertThat(key.publicKey().toProtobuf()).isEqualTo(hex("publicKeyProtobufHex"));
    final PeerId peerId = PeerId.fromPublicKey(key.publicKey());
    assertThat(peerId.toBytes()).isEqualTo(hex("peerIdMultihashHex"));
    assertThat(peerId.toBase58())
        .isEqualTo(V.get("peerIdBase58").asString())
        .startsWith("16Uiu2HA");
  }

  @Test
  void parsesPeerIdTextBackToTheInlinedKey() {
    final PeerId peerId = PeerId.fromBase58(V.get("peerIdBase58").asString());
    assertThat(peerId.toBytes()).isEqualTo(hex("peerIdMultihashHex"));
    assertThat(peerId.inlinePublicKey().orElseThrow().raw())
        .isEqualTo(hex("publicKeyCompressedHex"));
  }

  @Test
  void exampleSignatureFromJsLibp2pVerifies() {
    final PublicKey key = KeyProtobuf.decodePublic(hex("publicKeyProtobufHex"));
    final byte[] input = hex("exampleSignatureInputHex");
    assertThat(new String(input, 0, 24, StandardCharsets.US_ASCII))
        .isEqualTo("noise-libp2p-static-key:");
    assertThat(V.get("exampleSignatureVerifies").asBoolean()).isTrue();
    assertThat(key.verify(input, hex("exampleSignatureDerHex"))).isTrue();
    input[input.length - 1] ^= 1;
    assertThat(key.verify(input, hex("exampleSignatureDerHex"))).isFalse();
  }

  @Test
  void ourSignatureIsDeterministicLowSAndMatchesJsLibp2p() {
    // RFC 6979 nonces make ECDSA deterministic, and js-libp2p (noble) uses RFC 6979 with low S
    // too, so the same key and input must give byte-identical DER.
    final Secp256k1PrivateKey key = Secp256k1PrivateKey.fromRaw(hex("secp256k1PrivateKeyHex"));
    final byte[] signature = key.sign(hex("exampleSignatureInputHex"));
    assertThat(key.publicKey().verify(hex("exampleSignatureInputHex"), signature)).isTrue();
    assertThat(signature).isEqualTo(hex("exampleSignatureDerHex"));
  }

  @Test
  void rejectsMalformedSignaturesWithoutThrowing() {
    final PublicKey key = KeyProtobuf.decodePublic(hex("publicKeyProtobufHex"));
    final byte[] input = hex("exampleSignatureInputHex");
    assertThat(key.verify(input, new byte[0])).isFalse();
    assertThat(key.verify(input, new byte[] {0x30, 0x7f, 0x02})).isFalse();
    final byte[] padded = new byte[hex("exampleSignatureDerHex").length + 1];
    System.arraycopy(hex("exampleSignatureDerHex"), 0, padded, 0, padded.length - 1);
    assertThat(key.verify(input, padded)).isFalse();
  }

  @Test
  void rejectsInvalidKeysAndPeerIdsWithProtocolExceptions() {
    assertThatThrownBy(() -> KeyProtobuf.decodePublic(Hex.decode("0802122102" + "00".repeat(32))))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("invalid public key");
    assertThatThrownBy(() -> KeyProtobuf.decodePublic(Hex.decode("0809")))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("unknown key type 9");
    assertThatThrownBy(() -> KeyProtobuf.decodePublic(Hex.decode("08021221")))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("exceeds");
    assertThatThrownBy(() -> KeyProtobuf.decodePublic(Hex.decode("0802")))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> PeerId.fromBase58("16Uiu2HA0"))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("base58");
    assertThatThrownBy(() -> PeerId.fromBytes(Hex.decode("0025")))
        .isInstanceOf(P2pProtocolException.class);
    assertThatThrownBy(() -> PeerId.fromBytes(Hex.decode("1220aa")))
        .isInstanceOf(P2pProtocolException.class);
    assertThatThrownBy(() -> Secp256k1PrivateKey.fromRaw(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifiesEd25519SignaturesOfOtherPeers() {
    // RFC 8032 section 7.1, TEST 2 (one-byte message 0x72).
    final PublicKey key =
        KeyProtobuf.decodePublic(
            Hex.decode(
                "08011220" + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
    final byte[] signature =
        Hex.decode(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    assertThat(key.type()).isEqualTo(KeyType.ED25519);
    assertThat(key.verify(Hex.decode("72"), signature)).isTrue();
    assertThat(key.verify(Hex.decode("73"), signature)).isFalse();
    assertThat(key.verify(Hex.decode("72"), new byte[3])).isFalse();
    assertThat(PeerId.fromPublicKey(key).toBase58()).startsWith("12D3KooW");
  }
}

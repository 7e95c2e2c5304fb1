package io.zkstateless.common.p2p.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.protobuf.ProtoWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoiseXxHandshakeTest {

  private final Secp256k1PrivateKey alice = Secp256k1PrivateKey.generate();
  private final Secp256k1PrivateKey bob = Secp256k1PrivateKey.generate();
  private final PeerId bobId = PeerId.fromPublicKey(bob.publicKey());
  private final PeerId aliceId = PeerId.fromPublicKey(alice.publicKey());

  @Test
  void bothSidesAuthenticateEachOtherAndShareTransportKeys() throws Exception {
    final NoiseXxHandshake initiator = new NoiseXxHandshake(true, alice, Optional.of(bobId));
    final NoiseXxHandshake responder = new NoiseXxHandshake(false, bob, Optional.empty());
    assertThat(responder.start()).isEmpty();
    final byte[] first = initiator.start().orElseThrow();
    assertThat(first).hasSize(32); // just the ephemeral key
    final byte[] second = responder.read(first).orElseThrow();
    final byte[] third = initiator.read(second).orElseThrow();
    assertThat(initiator.isComplete()).isTrue();
    assertThat(responder.read(third)).isEmpty();
    assertThat(responder.isComplete()).isTrue();
    assertThat(initiator.session().remotePeerId()).isEqualTo(bobId);
    assertThat(responder.session().remotePeerId()).isEqualTo(aliceId);
    assertThat(responder.session().remoteKey()).isEqualTo(alice.publicKey());

    for (final String text : List.of("hello", "", "again")) {
      final byte[] sealed = initiator.session().sender().encrypt(text.getBytes());
      assertThat(sealed).hasSize(text.length() + 16);
      assertThat(new String(responder.session().receiver().decrypt(sealed))).isEqualTo(text);
    }
    final byte[] back = responder.session().sender().encrypt("back".getBytes());
    assertThat(new String(initiator.session().receiver().decrypt(back))).isEqualTo("back");
    // Nonces advance per message: a replayed message no longer opens.
    assertThatThrownBy(() -> initiator.session().receiver().decrypt(back))
        .isInstanceOf(javax.crypto.AEADBadTagException.class);
  }

  @Test
  void dialerRejectsAPeerOtherThanTheOneItDialled() {
    final PeerId someoneElse = PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
    final NoiseXxHandshake initiator = new NoiseXxHandshake(true, alice, Optional.of(someoneElse));
    final NoiseXxHandshake responder = new NoiseXxHandshake(false, bob, Optional.empty());
    final byte[] second = responder.read(initiator.start().orElseThrow()).orElseThrow();
    assertThatThrownBy(() -> initiator.read(second))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("dialled " + someoneElse + " but the peer is " + bobId);
  }

  @Test
  void tamperedOrTruncatedMessagesAreProtocolViolations() {
    final NoiseXxHandshake initiator = new NoiseXxHandshake(true, alice, Optional.empty());
    final NoiseXxHandshake responder = new NoiseXxHandshake(false, bob, Optional.empty());
    final byte[] second = responder.read(initiator.start().orElseThrow()).orElseThrow();
    second[second.length - 1] ^= 1;
    assertThatThrownBy(() -> initiator.read(second))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("handshake message 2 rejected");
    final NoiseXxHandshake fresh = new NoiseXxHandshake(false, bob, Optional.empty());
    assertThatThrownBy(() -> fresh.read(new byte[5])).isInstanceOf(P2pProtocolException.class);
    assertThatThrownBy(() -> initiator.read(new byte[48])).isInstanceOf(P2pProtocolException.class);
  }

  @Test
  void payloadParsingSkipsUnknownFieldsAndReadsJsMuxerExtensions() {
    final byte[] extensions =
        new ProtoWriter().string(2, "/yamux/1.0.0").string(2, "/mplex/6.7.0").toByteArray();
    final byte[] encoded =
        new ProtoWriter()
            .bytes(1, alice.publicKey().toProtobuf())
            .bytes(2, new byte[] {1, 2})
            .varint(3, 7)
            .bytes(4, extensions)
            .toByteArray();
    final NoiseHandshakePayload payload = NoiseHandshakePayload.decode(encoded);
    assertThat(payload.identityKey()).isEqualTo(alice.publicKey().toProtobuf());
    assertThat(payload.streamMuxers()).containsExactly("/yamux/1.0.0", "/mplex/6.7.0");
    assertThatThrownBy(() -> NoiseHandshakePayload.decode(Hex.decode("0a01")))
        .isInstanceOf(P2pProtocolException.class);
    assertThatThrownBy(() -> NoiseHandshakePayload.decode(Hex.decode("0a0101")))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("missing identity_key or identity_sig");
    assertThat(new NoiseHandshakePayload(new byte[] {1}, new byte[] {2}, List.of()).encode())
        .isEqualTo(Hex.decode("0a01011201" + "02"));
  }
}

package io.zkstateless.common.p2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.P2pProtocolException;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

class Secp256k1PropertyTest {

  @Property(tries = 50)
  void signaturesVerifyAreLowSAndKeysRoundTrip(@ForAll @Size(max = 200) final byte[] message)
      throws Exception {
    final Secp256k1PrivateKey key = Secp256k1PrivateKey.generate();
    final byte[] signature = key.sign(message);
    assertThat(key.publicKey().verify(message, signature)).isTrue();
    final BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(Secp256k1.DOMAIN.getN(), signature);
    assertThat(rs[1]).isLessThanOrEqualTo(Secp256k1.HALF_N);
    assertThat(KeyProtobuf.decodeSecp256k1Private(KeyProtobuf.encodePrivate(key)).raw())
        .isEqualTo(key.raw());
    final PeerId id = PeerId.fromPublicKey(key.publicKey());
    assertThat(PeerId.fromBase58(id.toBase58())).isEqualTo(id);
    assertThat(id.inlinePublicKey()).contains(key.publicKey());
  }

  @Property(tries = 300)
  void arbitraryKeyBytesNeverThrowAnythingButProtocolExceptions(
      @ForAll @Size(max = 60) final byte[] bytes) {
    try {
      KeyProtobuf.decodePublic(bytes);
    } catch (final P2pProtocolException expected) {
      // documented
    }
    try {
      PeerId.fromBytes(bytes);
    } catch (final P2pProtocolException expected) {
      // documented
    }
  }
}

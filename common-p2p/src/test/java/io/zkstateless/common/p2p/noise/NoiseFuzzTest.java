package io.zkstateless.common.p2p.noise;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.fuzz.WireFuzzing;
import java.util.Arrays;
import java.util.Optional;

/**
 * Noise on the wire: 2-byte length-prefixed messages into the XX responder's handshake (mode 0), or
 * into an established session's transport decryption (mode 1). Either way junk must end as a
 * protocol violation that closes and counts the connection, never as a bigger allocation than a few
 * 64 KiB messages. Input: mode byte, two split bytes, then the bytes the peer sends.
 */
class NoiseFuzzTest {

  private static final Secp256k1PrivateKey KEY = Secp256k1PrivateKey.generate();
  private static final PeerId PEER = PeerId.fromPublicKey(KEY.publicKey());
  private static final byte[] SEND_KEY = new byte[32];
  private static final byte[] RECEIVE_KEY = new byte[32];
  private static final long BUDGET = 1024 * 1024;

  static {
    Arrays.fill(RECEIVE_KEY, (byte) 7);
  }

  @FuzzTest(maxDuration = "5s")
  void framesIntoHandshakeOrTransport(final byte[] input) {
    if (input.length < 1) {
      return;
    }
    final boolean handshake = (input[0] & 1) == 0;
    final byte[] wire = Arrays.copyOfRange(input, 1, input.length);
    WireFuzzing.feed(
        () -> pipeline(handshake), WireFuzzing.chunks(wire), BUDGET + 16L * wire.length);
  }

  private static WireFuzzing.Pipeline pipeline(final boolean handshake) {
    final WireFuzzing.Pipeline pipeline = WireFuzzing.Pipeline.empty();
    pipeline.channel().pipeline().addLast(NoiseFrames.decoder());
    pipeline
        .channel()
        .pipeline()
        .addLast(
            handshake
                ? new NoiseHandshakeHandler(
                    new NoiseXxHandshake(false, KEY, Optional.empty()), (ctx, session) -> {})
                : new NoiseCipherCodec(
                    new NoiseSession(
                        new NoiseTransportCipher(SEND_KEY),
                        new NoiseTransportCipher(RECEIVE_KEY),
                        PEER,
                        KEY.publicKey())));
    return pipeline.closeOnError();
  }
}

package io.zkstateless.common.p2p.noise;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.KeyProtobuf;
import io.zkstateless.common.p2p.fuzz.WireFuzzing;
import java.util.Arrays;

/**
 * The protobuf inside Noise handshake messages 2 and 3, and the identity key inside it, as the
 * handshake reads them: only {@link P2pProtocolException} escapes, and the key and signature of
 * what is accepted survive encoding (we send no extensions, so those are not re-encoded).
 */
class NoiseHandshakePayloadFuzzTest {

  private static final long BUDGET = 64 * 1024;

  @FuzzTest(maxDuration = "5s")
  void decode(final byte[] input) {
    final long budget = BUDGET + 16L * input.length;
    final NoiseHandshakePayload payload =
        WireFuzzing.decode(
            P2pProtocolException.class, budget, () -> NoiseHandshakePayload.decode(input));
    if (payload == null) {
      return;
    }
    WireFuzzing.decode(
        P2pProtocolException.class, budget, () -> KeyProtobuf.decodePublic(payload.identityKey()));
    final NoiseHandshakePayload again = NoiseHandshakePayload.decode(payload.encode());
    if (!Arrays.equals(again.identityKey(), payload.identityKey())
        || !Arrays.equals(again.identitySig(), payload.identitySig())) {
      throw new AssertionError("accepted payload does not survive encode and decode");
    }
  }
}

package io.zkstateless.common.p2p.noise;

import com.southernstorm.noise.protocol.CipherStatePair;
import com.southernstorm.noise.protocol.HandshakeState;
import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.KeyProtobuf;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.PublicKey;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The libp2p Noise XX handshake ({@code -> e}, {@code <- e, ee, s, es}, {@code -> s, se}) as a
 * socket-free state machine over noise-java. Messages 2 and 3 carry our {@link
 * NoiseHandshakePayload}: the identity key and its signature over the static X25519 key, which
 * binds the libp2p identity to the Noise session. The remote signature is always verified, and a
 * dialer that knows whom it dialled checks the derived peer id.
 */
public final class NoiseXxHandshake {

  public static final String PROTOCOL_ID = "/noise";
  static final String NOISE_PROTOCOL = "Noise_XX_25519_ChaChaPoly_SHA256";
  static final String FORMAT = "noise";
  static final byte[] SIGNATURE_PREFIX =
      "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);

  /** Largest Noise message, including the 16-byte tag (the 2-byte length field's range). */
  public static final int MAX_MESSAGE = 65535;

  private final HandshakeState state;
  private final boolean initiator;
  private final byte[] localPayload;
  private final Optional<PeerId> expectedRemote;
  private int messagesDone;
  private PublicKey remoteKey;
  private byte[] remoteEphemeral;
  private NoiseSession session;

  public NoiseXxHandshake(
      final boolean initiator,
      final Secp256k1PrivateKey identity,
      final Optional<PeerId> expectedRemote) {
    this.initiator = initiator;
    this.expectedRemote = expectedRemote;
    try {
      state =
          new HandshakeState(
              NOISE_PROTOCOL, initiator ? HandshakeState.INITIATOR : HandshakeState.RESPONDER);
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("noise-java lacks " + NOISE_PROTOCOL, e);
    }
    state.getLocalKeyPair().generateKeyPair();
    // A fresh ephemeral that we hold, so that we can derive the transport keys
    // (NoiseTransportKeys).
    state.getFixedEphemeralKey().generateKeyPair();
    final byte[] staticKey = new byte[32];
    state.getLocalKeyPair().getPublicKey(staticKey, 0);
    localPayload =
        new NoiseHandshakePayload(
                identity.publicKey().toProtobuf(),
                identity.sign(concat(SIGNATURE_PREFIX, staticKey)),
                List.of())
            .encode();
    state.start();
  }

  /** The initiator's first message ({@code -> e}, empty payload); empty for a responder. */
  public Optional<byte[]> start() {
    return initiator ? Optional.of(write(new byte[0])) : Optional.empty();
  }

  /**
   * Processes one received handshake message.
   *
   * @return the message to send in reply, if any
   * @throws P2pProtocolException if decryption, the payload, the signature or the peer id fails
   */
  public Optional<byte[]> read(final byte[] message) {
    if (isComplete() || state.getAction() != HandshakeState.READ_MESSAGE) {
      throw new P2pProtocolException(
          FORMAT, 0, "unexpected handshake message " + (messagesDone + 1));
    }
    final byte[] payload = new byte[MAX_MESSAGE];
    final int payloadLength;
    try {
      payloadLength = state.readMessage(message, 0, message.length, payload, 0);
    } catch (final GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
      throw new P2pProtocolException(
          FORMAT, 0, "handshake message " + (messagesDone + 1) + " rejected: " + e, e);
    }
    messagesDone++;
    if (messagesDone <= 2) {
      // Message 1 (read by the responder) and 2 (by the initiator) open with the peer's ephemeral.
      remoteEphemeral = Arrays.copyOf(message, 32);
    }
    // Message 1 carries no payload; 2 (read by the initiator) and 3 (by the responder) do.
    final PeerId remote =
        messagesDone == 1 ? null : authenticate(Arrays.copyOf(payload, payloadLength));
    if (messagesDone == 1) {
      return Optional.of(write(localPayload));
    }
    if (initiator) {
      final byte[] third = write(localPayload);
      finish(remote);
      return Optional.of(third);
    }
    finish(remote);
    return Optional.empty();
  }

  public boolean isComplete() {
    return session != null;
  }

  public NoiseSession session() {
    if (session == null) {
      throw new IllegalStateException("handshake not complete");
    }
    return session;
  }

  private byte[] write(final byte[] payload) {
    final byte[] out = new byte[MAX_MESSAGE];
    try {
      final int length = state.writeMessage(out, 0, payload, 0, payload.length);
      messagesDone++;
      return Arrays.copyOf(out, length);
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException(
          "Noise message of " + payload.length + " bytes does not fit", e);
    }
  }

  private PeerId authenticate(final byte[] payloadBytes) {
    final NoiseHandshakePayload payload = NoiseHandshakePayload.decode(payloadBytes);
    remoteKey = KeyProtobuf.decodePublic(payload.identityKey());
    final byte[] remoteStatic = new byte[32];
    state.getRemotePublicKey().getPublicKey(remoteStatic, 0);
    if (!remoteKey.verify(concat(SIGNATURE_PREFIX, remoteStatic), payload.identitySig())) {
      throw new P2pProtocolException(
          FORMAT, 0, "identity signature over the static key does not verify");
    }
    final PeerId remote = PeerId.fromPublicKey(remoteKey);
    if (expectedRemote.isPresent() && !expectedRemote.get().equals(remote)) {
      throw new P2pProtocolException(
          FORMAT, 0, "dialled " + expectedRemote.get() + " but the peer is " + remote);
    }
    return remote;
  }

  private void finish(final PeerId remote) {
    if (state.getAction() != HandshakeState.SPLIT) {
      throw new IllegalStateException(
          "Noise XX should split after 3 messages, action " + state.getAction());
    }
    final byte[][] keys =
        NoiseTransportKeys.derive(
            initiator,
            state.getLocalKeyPair(),
            state.getFixedEphemeralKey(),
            state.getRemotePublicKey(),
            remoteEphemeral);
    final NoiseTransportCipher sender = new NoiseTransportCipher(keys[initiator ? 0 : 1]);
    final NoiseTransportCipher receiver = new NoiseTransportCipher(keys[initiator ? 1 : 0]);
    final CipherStatePair pair = state.split();
    try {
      // Our derivation must be noise-java's: both seal an empty first message identically.
      final byte[] expected = new byte[NoiseTransportCipher.TAG];
      pair.getSender().encryptWithAd(null, new byte[0], 0, expected, 0, 0);
      if (!Arrays.equals(
          expected, new NoiseTransportCipher(keys[initiator ? 0 : 1]).encrypt(new byte[0]))) {
        throw new IllegalStateException("derived Noise transport keys differ from noise-java's");
      }
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException("noise-java could not seal an empty message", e);
    } finally {
      pair.destroy();
      state.destroy();
    }
    session = new NoiseSession(sender, receiver, remote, remoteKey);
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

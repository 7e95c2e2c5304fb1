package io.zkstateless.common.p2p.noise;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.PublicKey;

/** The outcome of a completed handshake: the two transport ciphers and the authenticated peer. */
public record NoiseSession(
    NoiseTransportCipher sender,
    NoiseTransportCipher receiver,
    PeerId remotePeerId,
    PublicKey remoteKey) {}

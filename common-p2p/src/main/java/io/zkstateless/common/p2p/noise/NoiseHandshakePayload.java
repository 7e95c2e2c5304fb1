package io.zkstateless.common.p2p.noise;

import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.protobuf.ProtoReader;
import io.zkstateless.common.p2p.protobuf.ProtoWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The libp2p Noise handshake payload {@code NoiseHandshakePayload {identity_key=1, identity_sig=2,
 * extensions=4 {webtransport_certhashes=1, stream_muxers=2}}}. We send no extensions (so js-libp2p
 * falls back to multistream muxer negotiation) but parse the muxer list.
 */
public record NoiseHandshakePayload(
    byte[] identityKey, byte[] identitySig, List<String> streamMuxers) {

  static final String FORMAT = "noise handshake payload";
  private static final int MAX_KEY = 1024;
  private static final int MAX_SIG = 1024;
  private static final int MAX_EXTENSIONS = 8192;
  private static final int MAX_MUXERS = 16;

  public NoiseHandshakePayload {
    identityKey = identityKey.clone();
    identitySig = identitySig.clone();
    streamMuxers = List.copyOf(streamMuxers);
  }

  @Override
  public byte[] identityKey() {
    return identityKey.clone();
  }

  @Override
  public byte[] identitySig() {
    return identitySig.clone();
  }

  public byte[] encode() {
    return new ProtoWriter().bytes(1, identityKey).bytes(2, identitySig).toByteArray();
  }

  /**
   * @throws P2pProtocolException if the protobuf is malformed, oversized or lacks key or signature
   */
  public static NoiseHandshakePayload decode(final byte[] bytes) {
    final ProtoReader reader = new ProtoReader(bytes, FORMAT);
    byte[] key = null;
    byte[] sig = null;
    final List<String> muxers = new ArrayList<>();
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      switch (field) {
        case 1 -> key = reader.readBytes(MAX_KEY);
        case 2 -> sig = reader.readBytes(MAX_SIG);
        case 4 -> readExtensions(reader.readMessage(MAX_EXTENSIONS), muxers);
        default -> reader.skip();
      }
    }
    if (key == null || sig == null) {
      throw new P2pProtocolException(FORMAT, bytes.length, "missing identity_key or identity_sig");
    }
    return new NoiseHandshakePayload(key, sig, muxers);
  }

  private static void readExtensions(final ProtoReader reader, final List<String> muxers) {
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      if (field == 2) {
        if (muxers.size() == MAX_MUXERS) {
          throw reader.error("more than " + MAX_MUXERS + " stream muxers");
        }
        muxers.add(new String(reader.readBytes(1024), StandardCharsets.UTF_8));
      } else {
        reader.skip();
      }
    }
  }
}

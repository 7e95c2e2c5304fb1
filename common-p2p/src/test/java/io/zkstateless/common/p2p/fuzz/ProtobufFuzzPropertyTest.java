package io.zkstateless.common.p2p.fuzz;

import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.crypto.KeyProtobuf;
import io.zkstateless.common.p2p.identify.IdentifyMessage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Protobuf-shaped garbage for the key and identify protobuf decoders: plausible tags and wire
 * types, lengths that are short, exact, too long, or 10-byte varints with the sign bit set, and
 * nested messages. Only {@link P2pProtocolException} may come out. (The Noise handshake payload and
 * gossip RPCs have coverage-guided Jazzer targets, {@code *FuzzTest}, see docs/fuzzing.md.)
 */
class ProtobufFuzzPropertyTest {

  private static final List<Consumer<byte[]>> DECODERS =
      List.of(
          KeyProtobuf::decodePublic, KeyProtobuf::decodeSecp256k1Private, IdentifyMessage::decode);

  @Property(tries = 3000)
  void decodersOnlyRaiseProtocolExceptions(@ForAll("messages") final byte[] bytes) {
    for (final Consumer<byte[]> decoder : DECODERS) {
      try {
        decoder.accept(bytes);
      } catch (final P2pProtocolException expected) {
        // the documented rejection
      }
    }
  }

  @Provide
  Arbitrary<byte[]> messages() {
    return field().list().ofMaxSize(6).map(ProtobufFuzzPropertyTest::concat);
  }

  private Arbitrary<byte[]> field() {
    final Arbitrary<Long> length =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 40),
            Arbitraries.longs().between(-1L << 62, -1),
            Arbitraries.longs().between(1L << 31, Long.MAX_VALUE));
    return Combinators.combine(
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 7),
            length,
            Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
        .as(
            (number, wireType, len, body) -> {
              final ByteArrayOutputStream out = new ByteArrayOutputStream();
              writeVarint(out, (long) number << 3 | wireType);
              if (wireType == 2 || wireType == 0) {
                writeVarint(out, len);
              }
              out.writeBytes(body);
              return out.toByteArray();
            });
  }

  /** Protobuf varints: up to 10 bytes, negative longs included. */
  private static void writeVarint(final ByteArrayOutputStream out, final long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  private static byte[] concat(final List<byte[]> parts) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}

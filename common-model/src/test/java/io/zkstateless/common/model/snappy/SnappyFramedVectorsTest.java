package io.zkstateless.common.model.snappy;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Hex;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Framed payloads recorded or pinned by other implementations' tests. Each is the framed part of an
 * eth2 req/resp message (after the result byte and the uvarint length) or a framing-format example.
 */
class SnappyFramedVectorsTest {

  private static final String STREAM_ID = "ff060000734e61507059";

  static Stream<Arguments> vectors() {
    return Stream.of(
        Arguments.of(
            "Teku BeaconChainMethodsTest: recorded status request, one compressed chunk",
            STREAM_ID
                + "002d00007e8c1ea2540000aa01007c30a903798306695d21d1faa76363a0070677130835e503760b"
                + "0e84479b7819e6114b",
            "00".repeat(4 + 32 + 8)
                + "30a903798306695d21d1faa76363a0070677130835e503760b0e84479b7819e6"
                + "00".repeat(8)),
        Arguments.of(
            "Lodestar reqresp response test: SERVER_ERROR message TEST_ERROR",
            STREAM_ID + "010e000049b97aaf544553545f4552524f52",
            hex("TEST_ERROR")),
        Arguments.of(
            "Teku RpcEncoder test: error response \"Bad request\"",
            STREAM_ID + "010f0000c839768d4261642072657175657374",
            hex("Bad request")),
        Arguments.of(
            "Nethermind ReqRespFramingTests: ping(1) request",
            STREAM_ID + "010c00000175de410100000000000000",
            "0100000000000000"),
        Arguments.of(
            "Lantern CoreTests: goodbye(129, too many peers) recorded from a peer",
            STREAM_ID + "010c000002cd16568100000000000000",
            "8100000000000000"),
        Arguments.of(
            "metadata/2 response recorded by an Elixir client",
            STREAM_ID + "01150000cd11e7d53a03000000000000ffffffffffffffff0f",
            "3a03000000000000ffffffffffffffff0f"),
        Arguments.of(
            "gingersnap framing test: \"hello\" as one uncompressed chunk",
            STREAM_ID + "01090000bb1f1c1968656c6c6f",
            hex("hello")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodesWholeAndByteByByte(final String source, final String framedHex, final String ssz) {
    final byte[] framed = Hex.decode(framedHex);
    final byte[] expected = Hex.decode(ssz);
    assertThat(SnappyFramed.decompress(framed, expected.length, 1 << 20)).isEqualTo(expected);

    final SnappyFramedDecoder decoder = SnappyFramedDecoder.expecting(expected.length, 1 << 20);
    for (int i = 0; i < framed.length; i++) {
      assertThat(decoder.isComplete()).isFalse();
      assertThat(decoder.feed(framed, i, 1)).isEqualTo(1);
    }
    assertThat(decoder.isComplete()).isTrue();
    assertThat(decoder.result()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void ourEncodingDecodesBack(final String source, final String framedHex, final String ssz) {
    final byte[] expected = Hex.decode(ssz);
    final byte[] ours = SnappyFramed.compress(expected);
    assertThat(SnappyFramed.decompress(ours, expected.length, expected.length)).isEqualTo(expected);
  }

  private static String hex(final String text) {
    return Hex.encodeBare(text.getBytes(StandardCharsets.US_ASCII));
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.Bitfield;
import io.zkstateless.common.p2p.P2pProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Wire bytes built by hand from the layout in {@code phase0/p2p-interface.md}: {@code [result] ‖
 * uvarint(ssz_length) ‖ framed snappy}, where the framed stream is the {@code ff 06 00 00 sNaPpY}
 * identifier followed by an uncompressed ({@code 0x01}) chunk with the masked CRC-32C.
 */
class ReqRespCodecTest {

  private static final String STREAM_IDENTIFIER = "ff060000734e61507059";

  static byte[] uncompressedFramed(final byte[] data) {
    final CRC32C crc = new CRC32C();
    crc.update(data);
    final int raw = (int) crc.getValue();
    final int masked = ((raw >>> 15) | (raw << 17)) + 0xa282ead8;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Hex.decode(STREAM_IDENTIFIER));
    final int chunkLength = 4 + data.length;
    out.write(0x01);
    out.write(chunkLength & 0xFF);
    out.write((chunkLength >>> 8) & 0xFF);
    out.write((chunkLength >>> 16) & 0xFF);
    for (int i = 0; i < 4; i++) {
      out.write((masked >>> (8 * i)) & 0xFF);
    }
    out.writeBytes(data);
    return out.toByteArray();
  }

  private static byte[] concat(final byte[]... parts) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (final byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void decodesAHandBuiltPingRequest() {
    // Ping(seq 7): uint64 little-endian, 8 bytes, so the length prefix is 0x08.
    final byte[] ssz = Hex.decode("0700000000000000");
    final byte[] wire = concat(new byte[] {0x08}, uncompressedFramed(ssz));
    assertThat(ReqRespCodec.decodeRequest(wire, 8)).isEqualTo(ssz);
    assertThat(ReqRespMethod.PING.requestSchema().orElseThrow().decode(ssz)).isEqualTo(7L);
  }

  @Test
  void decodesAHandBuiltStatusResponse() {
    final Status status =
        new Status(
            ImmutableBytes.fromHex("bfe0d3f4"),
            Bytes32.fromHex("11".repeat(32)),
            5,
            Bytes32.fromHex("22".repeat(32)),
            200);
    final byte[] ssz =
        Hex.decode(
            "bfe0d3f4"
                + "11".repeat(32)
                + "0500000000000000"
                + "22".repeat(32)
                + "c800000000000000");
    assertThat(ReqRespSchemas.STATUS.encode(status)).isEqualTo(ssz);
    // result 0, then uvarint(84) = 0x54.
    final byte[] wire = concat(new byte[] {0x00, 0x54}, uncompressedFramed(ssz));
    final ResponseChunk chunk = ReqRespCodec.decodeResponse(wire, 84);
    assertThat(chunk.isSuccess()).isTrue();
    assertThat(ReqRespSchemas.STATUS.decode(chunk.payload())).isEqualTo(status);
  }

  @Test
  void encodesTheLayoutTheSpecDescribes() {
    final MetaData metaData =
        new MetaData(
            3,
            Bitfield.empty(64).with(0, true).with(63, true),
            Bitfield.of(false, true, false, false));
    final byte[] ssz = ReqRespSchemas.METADATA.encode(metaData);
    assertThat(Hex.encodeBare(ssz)).isEqualTo("0300000000000000" + "0100000000000080" + "02");
    final byte[] wire = ReqRespCodec.encodeResponse(ResponseChunk.SUCCESS, ssz);
    assertThat(wire[0]).isEqualTo((byte) 0);
    assertThat(wire[1]).isEqualTo((byte) 17);
    assertThat(Hex.encodeBare(Arrays.copyOfRange(wire, 2, 12)))
        .isEqualTo(STREAM_IDENTIFIER);
    final ResponseChunk chunk = ReqRespCodec.decodeResponse(wire, 17);
    assertThat(ReqRespSchemas.METADATA.decode(chunk.payload())).isEqualTo(metaData);

    final byte[] request = ReqRespCodec.encodeRequest(ssz);
    assertThat(request[0]).isEqualTo((byte) 17);
    assertThat(ReqRespCodec.decodeRequest(request, 17)).isEqualTo(ssz);
  }

  @Test
  void decodesAnErrorChunk() {
    final byte[] message = "rate limited".getBytes(StandardCharsets.UTF_8);
    final byte[] wire =
        concat(new byte[] {0x03, (byte) message.length}, uncompressedFramed(message));
    final ResponseChunk chunk = ReqRespCodec.decodeResponse(wire, 8);
    assertThat(chunk.resultCode()).isEqualTo(ResponseChunk.RESOURCE_UNAVAILABLE);
    assertThat(chunk.errorMessage()).isEqualTo("rate limited");
    assertThat(
            ReqRespCodec.decodeResponse(ReqRespCodec.encodeError(1, "x".repeat(400)), 8).payload())
        .hasSize(256);
  }

  @Test
  void acceptsClientSpecificResultCodesAndRefusesReservedOnes() {
    final byte[] framed = uncompressedFramed(new byte[] {0x41});
    assertThat(
            ReqRespCodec.decodeResponse(concat(new byte[] {(byte) 200, 1}, framed), 8).resultCode())
        .isEqualTo(200);
    assertThatThrownBy(() -> ReqRespCodec.decodeResponse(concat(new byte[] {4, 1}, framed), 8))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("reserved result code 4");
  }

  @Test
  void refusesADeclaredLengthAboveTheTypeMaximumBeforeReading() {
    // uvarint(1 GiB) = 80 80 80 80 04, followed by nothing at all.
    assertThatThrownBy(() -> ReqRespCodec.decodeRequest(Hex.decode("8080808004"), 84))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("exceeds the type's maximum 84");
  }

  @Test
  void refusesANonMinimalLengthPrefix() {
    final byte[] wire = concat(new byte[] {(byte) 0x88, 0x00}, uncompressedFramed(new byte[8]));
    assertThatThrownBy(() -> ReqRespCodec.decodeRequest(wire, 8))
        .isInstanceOf(P2pProtocolException.class);
  }

  @Test
  void refusesPayloadsShorterOrLongerThanDeclared() {
    final byte[] eight = uncompressedFramed(new byte[8]);
    assertThatThrownBy(() -> ReqRespCodec.decodeRequest(concat(new byte[] {9}, eight), 16))
        .isInstanceOf(P2pProtocolException.class);
    assertThatThrownBy(() -> ReqRespCodec.decodeRequest(concat(new byte[] {7}, eight), 16))
        .isInstanceOf(P2pProtocolException.class);
    assertThatThrownBy(
            () -> ReqRespCodec.decodeRequest(concat(new byte[] {8}, eight, new byte[] {0}), 16))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("after the declared payload");
  }

  @Test
  void refusesACorruptChecksum() {
    final byte[] framed = uncompressedFramed(new byte[8]);
    framed[14] ^= 1;
    assertThatThrownBy(() -> ReqRespCodec.decodeRequest(concat(new byte[] {8}, framed), 8))
        .isInstanceOf(P2pProtocolException.class);
  }

  @Test
  void refusesAnEmptyResponse() {
    assertThatThrownBy(() -> ReqRespCodec.decodeResponse(new byte[0], 8))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("result byte");
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.ssz.Bitfield;
import org.junit.jupiter.api.Test;

/** SSZ layouts of the req/resp messages, written out field by field from the spec containers. */
class ReqRespSchemasTest {

  private static final Status STATUS =
      new Status(
          ImmutableBytes.fromHex("01020304"),
          Bytes32.fromHex("aa".repeat(32)),
          0x0102,
          Bytes32.fromHex("bb".repeat(32)),
          0x030405);

  @Test
  void statusIs84FixedBytes() {
    assertThat(ReqRespSchemas.STATUS.maxSize()).isEqualTo(84);
    assertThat(ReqRespMethod.STATUS.protocolId())
        .isEqualTo("/eth2/beacon_chain/req/status/1/ssz_snappy");
  }

  @Test
  void statusV2AppendsTheEarliestAvailableSlot() {
    final byte[] ssz = ReqRespSchemas.STATUS_V2.encode(new StatusV2(STATUS, 7));
    assertThat(Hex.encodeBare(ssz))
        .isEqualTo(
            "01020304"
                + "aa".repeat(32)
                + "0201000000000000"
                + "bb".repeat(32)
                + "0504030000000000"
                + "0700000000000000");
    assertThat(ReqRespSchemas.STATUS_V2.decode(ssz)).isEqualTo(new StatusV2(STATUS, 7));
    assertThat(ReqRespMethod.STATUS_V2.protocolId())
        .isEqualTo("/eth2/beacon_chain/req/status/2/ssz_snappy");
  }

  @Test
  void metaDataV3AppendsTheCustodyGroupCount() {
    final MetaData v2 =
        new MetaData(1, Bitfield.empty(64).with(8, true), Bitfield.of(false, false, false, true));
    final byte[] ssz = ReqRespSchemas.METADATA_V3.encode(new MetaDataV3(v2, 4));
    assertThat(Hex.encodeBare(ssz))
        .isEqualTo("0100000000000000" + "0001000000000000" + "08" + "0400000000000000");
    assertThat(ReqRespSchemas.METADATA_V3.decode(ssz)).isEqualTo(new MetaDataV3(v2, 4));
    assertThat(ReqRespMethod.METADATA_V3.maxResponseSize()).isEqualTo(25);
    assertThat(ReqRespMethod.METADATA_V3.maxChunkSize()).isEqualTo(256);
  }

  @Test
  void refusesSyncnetsWithBitsBeyondTheFourthAndWrongSizes() {
    final byte[] ssz = Hex.decode("0000000000000000" + "0000000000000000" + "10");
    assertThatThrownBy(() -> ReqRespSchemas.METADATA.decode(ssz))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> ReqRespSchemas.STATUS.decode(new byte[83]))
        .isInstanceOf(DecodeException.class);
  }
}

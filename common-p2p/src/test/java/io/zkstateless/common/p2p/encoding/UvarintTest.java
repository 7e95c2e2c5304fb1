package io.zkstateless.common.p2p.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.P2pProtocolException;
import org.junit.jupiter.api.Test;

class UvarintTest {

  @Test
  void encodesTheSpecExamples() {
    // multiformats/unsigned-varint README examples.
    assertThat(Uvarint.encode(1)).isEqualTo(Hex.decode("01"));
    assertThat(Uvarint.encode(127)).isEqualTo(Hex.decode("7f"));
    assertThat(Uvarint.encode(128)).isEqualTo(Hex.decode("8001"));
    assertThat(Uvarint.encode(255)).isEqualTo(Hex.decode("ff01"));
    assertThat(Uvarint.encode(300)).isEqualTo(Hex.decode("ac02"));
    assertThat(Uvarint.encode(16384)).isEqualTo(Hex.decode("808001"));
  }

  @Test
  void rejectsNonMinimalAndOverlongEncodingsAndWaitsOnTruncation() {
    assertThatThrownBy(() -> Uvarint.decode(Hex.decode("8000"), 0, "t"))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("minimally");
    assertThatThrownBy(() -> Uvarint.decode(Hex.decode("ffffffffffffffffff01"), 0, "t"))
        .isInstanceOf(P2pProtocolException.class)
        .hasMessageContaining("longer than 9");
    assertThat(Uvarint.decode(Hex.decode("ff"), 0, "t")).isNull();
    assertThat(Uvarint.decode(Hex.decode("00"), 0, "t")).isEqualTo(new Uvarint.Decoded(0, 1));
  }
}

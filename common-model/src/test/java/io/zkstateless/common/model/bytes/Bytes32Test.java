package io.zkstateless.common.model.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Bytes32Test {

  @Test
  void roundTripsHexAndIsImmutable() {
    final String hex = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";
    final Bytes32 value = Bytes32.fromHex(hex);
    assertThat(value.toHexString()).isEqualTo(hex);
    final byte[] copy = value.toArray();
    copy[0] = 0;
    assertThat(value.toHexString()).isEqualTo(hex);
    assertThat(Bytes32.fromHex(hex.substring(2))).isEqualTo(value);
  }

  @Test
  void rejectsWrongLengthsAndBadHex() {
    assertThatThrownBy(() -> Bytes32.wrap(new byte[31])).hasMessageContaining("got 31");
    assertThatThrownBy(() -> Bytes32.wrap(new byte[40], 10)).hasMessageContaining("offset 10");
    assertThatThrownBy(() -> Bytes32.fromHex("0x123")).hasMessageContaining("Odd number");
    assertThatThrownBy(() -> Hex.decode("zz")).hasMessageContaining("Invalid hex");
  }

  @Test
  void ordersUnsigned() {
    final byte[] high = new byte[32];
    high[0] = (byte) 0x80;
    assertThat(Bytes32.wrap(high)).isGreaterThan(Bytes32.ZERO);
  }
}

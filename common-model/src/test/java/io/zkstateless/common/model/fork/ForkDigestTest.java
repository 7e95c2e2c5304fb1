package io.zkstateless.common.model.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForkDigestTest {

  /** Mainnet genesis_validators_root. */
  private static final Bytes32 MAINNET_GVR =
      Bytes32.fromHex("0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95");

  /**
   * spec-libp2p.md 10.2: Lodestar 1.5.1 `lodestar dev` (minimal, 8 validators) used /eth2/bfe0d3f4/
   * topics with Bellatrix version 0x02000001 and this genesis_validators_root.
   */
  @Test
  void matchesTheDigestLodestarUsedInItsTopics() {
    final Bytes32 gvr =
        Bytes32.fromHex("0x270d43e74ce340de4bca2b1936beca0f4f5408d9e78aec4850920baf659d5b69");
    assertThat(ForkDigest.compute(Hex.decode("0x02000001"), gvr).hex()).isEqualTo("bfe0d3f4");
    // Capella on the same dev chain; Lodestar's log: "Subscribe to gossipsub topic
    // topic=/eth2/2ab37468/beacon_block/ssz_snappy".
    assertThat(ForkDigest.compute(Hex.decode("0x03000001"), gvr).hex()).isEqualTo("2ab37468");
  }

  /** The well-known mainnet digests of the pre-Fulu forks (as seen in mainnet ENRs and topics). */
  @ParameterizedTest
  @CsvSource({
    "0x00000000, b5303f2a", "0x01000000, afcaaba0", "0x02000000, 4a26c58b",
    "0x03000000, bba4da96", "0x04000000, 6a95a1a9", "0x05000000, ad532ceb"
  })
  void matchesMainnetDigests(final String version, final String digest) {
    assertThat(ForkDigest.compute(Hex.decode(version), MAINNET_GVR).hex()).isEqualTo(digest);
  }

  @Test
  void parsesAndRejects() {
    assertThat(ForkDigest.fromHex("0xBFE0D3F4").hex()).isEqualTo("bfe0d3f4");
    assertThatThrownBy(() -> ForkDigest.fromHex("0xbfe0d3")).hasMessageContaining("4 bytes");
    assertThatThrownBy(() -> ForkDigest.compute(new byte[3], MAINNET_GVR))
        .hasMessageContaining("4 bytes");
  }
}

package io.zkstateless.common.test.lodestar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Fork digests of the Lodestar dev chain (minimal preset, 8 interop validators, whose genesis
 * validators root does not depend on the genesis time), as Lodestar 1.5.1 used them in its topics.
 */
class ForkDigestsTest {

  private static final String DEV_GENESIS_VALIDATORS_ROOT =
      "0x270d43e74ce340de4bca2b1936beca0f4f5408d9e78aec4850920baf659d5b69";

  @Test
  void bellatrixDigestOfTheDevChainIsTheOneInDocsAndVectors() {
    assertThat(ForkDigests.compute("0x02000001", DEV_GENESIS_VALIDATORS_ROOT)).isEqualTo("bfe0d3f4");
  }

  @Test
  void capellaDigestOfTheDevChainIsTheOneLodestarSubscribesTo() {
    // Lodestar's log: "Subscribe to gossipsub topic topic=/eth2/2ab37468/beacon_block/ssz_snappy"
    assertThat(ForkDigests.compute("0x03000001", DEV_GENESIS_VALIDATORS_ROOT)).isEqualTo("2ab37468");
  }

  @Test
  void rejectsWrongLengths() {
    assertThatThrownBy(() -> ForkDigests.compute("0x0300", DEV_GENESIS_VALIDATORS_ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ForkDigests.compute("0x03000001", "0x270d"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

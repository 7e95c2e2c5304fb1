package io.zkstateless.common.model.proof.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class MockProofSchemeTest {

  private static final Bytes32 HASH = Bytes32.fromHex("0x" + "ab".repeat(32));

  @Test
  void aCreatedProofChecksAndIsDeterministic() {
    final byte[] proof = MockProofScheme.create(HASH, 7, 300 * 1024);
    assertThat(proof).hasSize(300 * 1024).isEqualTo(MockProofScheme.create(HASH, 7, 300 * 1024));
    assertThat(MockProofScheme.check(HASH, 7, proof)).isEmpty();
    assertThat(MockProofScheme.check(HASH, 7, MockProofScheme.create(HASH, 7, MockProofScheme.HEADER_SIZE))).isEmpty();
  }

  @Test
  void namesWhatIsWrong() {
    final byte[] proof = MockProofScheme.create(HASH, 7, 1000);
    assertThat(MockProofScheme.check(Bytes32.ZERO, 7, proof)).contains("made for another block hash");
    assertThat(MockProofScheme.check(HASH, 1, proof)).contains("made for proof type 7, not 1");
    final byte[] flipped = proof.clone();
    flipped[999] ^= 1;
    assertThat(MockProofScheme.check(HASH, 7, flipped)).contains("filler does not match");
    assertThat(MockProofScheme.check(HASH, 7, new byte[10])).contains("shorter than the 53-byte mock header");
    assertThat(MockProofScheme.check(HASH, 7, new byte[100])).contains("not a mock proof (magic mismatch)");
    assertThatThrownBy(() -> MockProofScheme.create(HASH, 7, 10)).hasMessageContaining("at least 53");
  }
}

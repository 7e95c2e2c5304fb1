package io.zkstateless.common.model.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HashesTest {

  @Test
  void keccak256KnownAnswers() {
    // Empty input, and the RLP of the empty string (the empty-trie root).
    assertThat(Hashes.keccak256(new byte[0]))
        .isEqualTo(
            Bytes32.fromHex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
    assertThat(Hashes.keccak256(new byte[] {(byte) 0x80}))
        .isEqualTo(
            Bytes32.fromHex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"));
    // keccak256(rlp([])): the empty ommers hash in every post-merge header.
    assertThat(Hashes.keccak256(new byte[] {(byte) 0xc0}))
        .isEqualTo(
            Bytes32.fromHex("1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"));
  }

  @Test
  void sha256NistVectors() {
    // FIPS 180-2 appendix B.1 and B.2, and the empty message.
    assertThat(Hashes.sha256(ascii("abc")))
        .isEqualTo(
            Bytes32.fromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    assertThat(Hashes.sha256(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))
        .isEqualTo(
            Bytes32.fromHex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    assertThat(Hashes.sha256())
        .isEqualTo(
            Bytes32.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  }

  @Test
  void sha256OfTheGossipMessageIdFormula() {
    // The eth2 invalid-snappy message id from libp2p-vectors.json, built from its parts.
    final byte[] topic = ascii("/eth2/bfe0d3f4/beacon_block/ssz_snappy");
    final byte[] topicLength = {(byte) topic.length, 0, 0, 0, 0, 0, 0, 0};
    final Bytes32 digest =
        Hashes.sha256(new byte[] {0, 0, 0, 0}, topicLength, topic, Hex.decode("ffffffffff"));
    assertThat(Hex.encodeBare(digest.toArray()))
        .startsWith("b453c6c518e8dceef149c187ec56fd3ac8dfe7f0");
  }

  @Property(tries = 200)
  void partsHashLikeTheirConcatenation(@ForAll final byte[] first, @ForAll final byte[] second) {
    final byte[] joined = new byte[first.length + second.length];
    System.arraycopy(first, 0, joined, 0, first.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    assertThat(Hashes.keccak256(first, second)).isEqualTo(Hashes.keccak256(joined));
    assertThat(Hashes.sha256(first, second)).isEqualTo(Hashes.sha256(joined));
  }

  private static byte[] ascii(final String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}

package io.zkstateless.common.model.fork;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fork digest of a schedule at any epoch, including Fulu's blob-parameter mask. */
class ForkScheduleTest {

  /** Mainnet genesis_validators_root. */
  private static final Bytes32 MAINNET_GVR =
      Bytes32.fromHex("0x4b363db94e286120d76eb905340fdd4e54bfe9f06bf33ff6cf5ad27f511bfe95");

  /**
   * consensus-specs, Fulu {@code test_compute_fork_digest}: BLOB_SCHEDULE (9,9) (100,100) (150,175)
   * (200,200) (250,275) (300,300), fork version overridden per case.
   */
  @ParameterizedTest
  @CsvSource({
    "9, 0x06000064, 00, c98245cc", "10, 0x06000064, 00, c98245cc", "99, 0x06000064, 00, c98245cc",
    "100, 0x06000064, 00, bddff67f", "101, 0x06000064, 00, bddff67f",
        "150, 0x06000064, 00, e80b285d",
    "199, 0x06000064, 00, e80b285d", "200, 0x06000064, 00, bb00b73c",
        "250, 0x06000064, 00, 2c4b8966",
    "299, 0x06000064, 00, 2c4b8966", "300, 0x06000064, 00, a8a8ae60",
        "301, 0x06000064, 00, a8a8ae60",
    "9, 0x06000064, 01, 940fb013", "9, 0x06000064, 02, 20c7d3c0", "9, 0x06000064, 03, 4461c7fe",
    "100, 0x06000064, 01, e05203a0", "100, 0x06000064, 02, 549a6073",
        "100, 0x06000064, 03, 303c744d",
    "9, 0x06000065, 00, 8cf67aaa", "9, 0x07000064, 00, 0070fb81", "9, 0x07000065, 00, 2aee3c0a",
    "100, 0x06000065, 00, f8abc919", "100, 0x07000064, 00, 742d4832",
        "100, 0x07000065, 00, 5eb38fb9"
  })
  void matchesTheFuluSpecVectors(
      final long epoch, final String version, final String rootByte, final String digest) {
    final byte[] root = new byte[32];
    Arrays.fill(root, (byte) Integer.parseInt(rootByte, 16));
    final ForkSchedule schedule =
        new ForkSchedule(
            Bytes32.wrap(root),
            0,
            12,
            32,
            List.of(new ForkSchedule.Fork(Hex.decode(version), 0)),
            0,
            new BlobParameters(0, 9),
            List.of(
                new BlobParameters(9, 9),
                new BlobParameters(100, 100),
                new BlobParameters(150, 175),
                new BlobParameters(200, 200),
                new BlobParameters(250, 275),
                new BlobParameters(300, 300)));
    assertThat(schedule.digestAt(epoch).hex()).isEqualTo(digest);
  }

  @Test
  void usesThePlainDigestBeforeFuluAndTheMaskedOneFromFulu() {
    final ForkSchedule schedule =
        new ForkSchedule(
            MAINNET_GVR,
            1_606_824_023L,
            12,
            32,
            List.of(
                new ForkSchedule.Fork(Hex.decode("0x05000000"), 364_032),
                new ForkSchedule.Fork(Hex.decode("0x06000000"), 411_392)),
            411_392,
            new BlobParameters(364_032, 9),
            List.of(new BlobParameters(412_672, 15)));
    assertThat(schedule.digestAt(411_391).hex()).isEqualTo("ad532ceb");
    final ForkDigest fulu = schedule.digestAt(411_392);
    assertThat(fulu)
        .isEqualTo(
            ForkDigest.compute(
                Hex.decode("0x06000000"), MAINNET_GVR, new BlobParameters(364_032, 9)));
    assertThat(fulu.hex())
        .isNotEqualTo(ForkDigest.compute(Hex.decode("0x06000000"), MAINNET_GVR).hex());
    assertThat(schedule.digestAt(412_672)).isNotEqualTo(fulu);
    assertThat(schedule.epochAt(java.time.Instant.ofEpochSecond(1_606_824_023L + 12 * 32 * 10 + 5)))
        .isEqualTo(10);
  }
  /** Electra at 0, Fulu at 10, a blob-parameter-only fork at 11, nothing after. */
  private static ForkSchedule closeForks() {
    return new ForkSchedule(
        MAINNET_GVR,
        0,
        12,
        32,
        List.of(
            new ForkSchedule.Fork(Hex.decode("0x05000000"), 0),
            new ForkSchedule.Fork(Hex.decode("0x06000000"), 10)),
        10,
        new BlobParameters(0, 9),
        List.of(new BlobParameters(11, 15)));
  }

  @Test
  void subscribesTheNextForkEpochsBeforeItAndKeepsThePreviousOneEpochsAfter() {
    final ForkSchedule schedule = closeForks();
    final ForkDigest electra = schedule.digestAt(0);
    final ForkDigest fulu = schedule.digestAt(10);
    final ForkDigest bpo = schedule.digestAt(11);
    assertThat(List.of(electra, fulu, bpo)).doesNotHaveDuplicates();

    assertThat(schedule.gossipDigestsAt(7, 2, 2)).containsExactly(electra);
    assertThat(schedule.gossipDigestsAt(8, 2, 2)).containsExactly(electra, fulu);
    // Two forks inside the window: both come, in epoch order after the current one.
    assertThat(schedule.gossipDigestsAt(9, 2, 2)).containsExactly(electra, fulu, bpo);
    assertThat(schedule.gossipDigestsAt(10, 2, 2)).containsExactly(fulu, electra, bpo);
    assertThat(schedule.gossipDigestsAt(12, 2, 2)).containsExactly(bpo, fulu);
    assertThat(schedule.gossipDigestsAt(13, 2, 2)).containsExactly(bpo);
    assertThat(schedule.gossipDigestsAt(13, 0, 0)).containsExactly(bpo);
    assertThat(schedule.gossipDigestsAt(9, 0, 0)).containsExactly(electra);
  }

  @Test
  void nextDigestChangeIsTheFirstLaterEpochWithAnotherDigest() {
    final ForkSchedule schedule = closeForks();
    assertThat(schedule.nextDigestChangeAfter(0)).hasValue(10);
    assertThat(schedule.nextDigestChangeAfter(10)).hasValue(11);
    assertThat(schedule.nextDigestChangeAfter(11)).isEmpty();
  }
}

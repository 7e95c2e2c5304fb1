package io.zkstateless.common.model.fork;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class BlobScheduleProperties {

  /** {@code get_blob_parameters} exactly as the Fulu spec writes it: newest entry first. */
  private static BlobParameters reference(
      final long epoch, final BlobParameters electra, final List<BlobParameters> schedule) {
    for (final BlobParameters entry :
        schedule.stream()
            .sorted(Comparator.comparingLong(BlobParameters::epoch).reversed())
            .toList()) {
      if (epoch >= entry.epoch()) {
        return entry;
      }
    }
    return electra;
  }

  @Property
  void blobParametersFollowTheSpecForAnySchedule(
      @ForAll @Size(max = 6) final List<@LongRange(max = 1_000) Long> epochs,
      @ForAll @LongRange(max = 1_200) final long epoch) {
    final List<BlobParameters> schedule =
        epochs.stream().distinct().map(e -> new BlobParameters(e, e % 97)).toList();
    final BlobParameters electra = new BlobParameters(0, 9);
    final ForkSchedule fork =
        new ForkSchedule(
            Bytes32.ZERO,
            0,
            12,
            32,
            List.of(new ForkSchedule.Fork(new byte[] {6, 0, 0, 0}, 0)),
            0,
            electra,
            schedule);
    assertThat(fork.blobParametersAt(epoch)).isEqualTo(reference(epoch, electra, schedule));
    assertThat(fork.digestAt(epoch))
        .isEqualTo(
            ForkDigest.compute(
                new byte[] {6, 0, 0, 0}, Bytes32.ZERO, reference(epoch, electra, schedule)));
  }
}

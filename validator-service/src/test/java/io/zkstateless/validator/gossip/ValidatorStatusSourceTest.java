package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.p2p.eth2.reqresp.Status;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.chain.ChainHeads;
import io.zkstateless.validator.follow.BeaconApiClient.Checkpoint;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ValidatorStatusSourceTest {

  private static final Bytes32 FINALIZED = Bytes32.fromHex("0x" + "44".repeat(32));
  private static final Bytes32 HEAD = Bytes32.fromHex("0x" + "66".repeat(32));

  @Test
  void beforeTheFollowerHasAViewAndThePollAnswersTellsZeroRootsOnTheForkDigest() {
    try (ValidatorStatusSource source =
        new ValidatorStatusSource(
            () -> "bfe0d3f4",
            Optional::empty,
            () -> {
              throw new IllegalStateException("beacon node down");
            })) {
      source.pollFinalized();
      assertThat(source.get())
          .isEqualTo(new Status(ImmutableBytes.fromHex("bfe0d3f4"), Bytes32.ZERO, 0, Bytes32.ZERO, 0));
    }
  }

  @Test
  void tellsTheOptimisticHeadAndTheLastPolledCheckpoint() {
    final AtomicReference<Checkpoint> answer = new AtomicReference<>(new Checkpoint(2, FINALIZED));
    final BeaconBlock finalized = block(FINALIZED, 64);
    final BeaconBlock head = block(HEAD, 65);
    try (ValidatorStatusSource source =
        new ValidatorStatusSource(
            () -> "bfe0d3f4",
            () -> Optional.of(new ChainHeads(head, finalized, finalized, finalized)),
            () -> {
              final Checkpoint checkpoint = answer.get();
              if (checkpoint == null) {
                throw new IllegalStateException("beacon node down");
              }
              return checkpoint;
            })) {
      source.pollFinalized();
      final Status expected = new Status(ImmutableBytes.fromHex("bfe0d3f4"), FINALIZED, 2, HEAD, 65);
      assertThat(source.get()).isEqualTo(expected);
      answer.set(null);
      source.pollFinalized();
      assertThat(source.get()).as("kept after a failed poll").isEqualTo(expected);
    }
  }

  private static BeaconBlock block(final Bytes32 root, final long slot) {
    return new BeaconBlock(root, slot, Bytes32.ZERO, Bytes32.ZERO, 0, Instant.EPOCH);
  }
}

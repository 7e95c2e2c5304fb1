package io.zkstateless.common.model.fork;

import io.zkstateless.common.model.bytes.Bytes32;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Everything needed to compute the fork digest of any moment: the chain's genesis, its fork
 * versions by epoch and, from Fulu on, its blob schedule. Built once from the beacon node; the
 * digest then follows fork and blob-parameter boundaries without asking the node again. Shared by
 * the broadcaster (which publishes on the current digest) and the validator (which subscribes
 * across fork transitions, {@link #gossipDigestsAt}).
 *
 * @param genesisValidatorsRoot {@code genesis_validators_root}
 * @param genesisTime unix seconds of slot 0
 * @param secondsPerSlot {@code SECONDS_PER_SLOT}
 * @param slotsPerEpoch {@code SLOTS_PER_EPOCH}
 * @param forks fork versions with their activation epochs (the node's fork schedule)
 * @param fuluForkEpoch {@code FULU_FORK_EPOCH}; {@link Long#MAX_VALUE} when not scheduled
 * @param electraBlobs {@code (ELECTRA_FORK_EPOCH, MAX_BLOBS_PER_BLOCK_ELECTRA)}, the blob
 *     parameters before the first {@code BLOB_SCHEDULE} entry
 * @param blobSchedule {@code BLOB_SCHEDULE}
 */
public record ForkSchedule(
    Bytes32 genesisValidatorsRoot,
    long genesisTime,
    long secondsPerSlot,
    long slotsPerEpoch,
    List<Fork> forks,
    long fuluForkEpoch,
    BlobParameters electraBlobs,
    List<BlobParameters> blobSchedule) {

  /** A fork version active from {@code epoch}. */
  public record Fork(byte[] version, long epoch) {
    public Fork {
      if (version.length != ForkDigest.SIZE) {
        throw new IllegalArgumentException("fork version must be 4 bytes, got " + version.length);
      }
      version = version.clone();
    }
  }

  public ForkSchedule {
    if (secondsPerSlot <= 0 || slotsPerEpoch <= 0) {
      throw new IllegalArgumentException("SECONDS_PER_SLOT and SLOTS_PER_EPOCH must be positive");
    }
    if (forks.isEmpty()) {
      throw new IllegalArgumentException("the fork schedule is empty");
    }
    forks = forks.stream().sorted(Comparator.comparingLong(Fork::epoch)).toList();
    blobSchedule =
        blobSchedule.stream().sorted(Comparator.comparingLong(BlobParameters::epoch)).toList();
  }

  /** The epoch at a wall-clock time; before genesis it is 0. */
  public long epochAt(final Instant now) {
    final long seconds = now.getEpochSecond() - genesisTime;
    return seconds <= 0 ? 0 : seconds / secondsPerSlot / slotsPerEpoch;
  }

  /**
   * The digests whose topics a node keeps subscribed at {@code epoch}, as eth2 clients handle a
   * fork: the current one; the next one from {@code epochsBefore} epochs before its fork epoch, so
   * the mesh is formed when the fork comes; and the previous one until {@code epochsAfter} epochs
   * after it, for messages still in flight. Every digest that starts inside the window counts,
   * also when two forks are closer than the window. Current first, then by epoch.
   */
  public Set<ForkDigest> gossipDigestsAt(
      final long epoch, final long epochsBefore, final long epochsAfter) {
    if (epoch < 0 || epochsBefore < 0 || epochsAfter < 0) {
      throw new IllegalArgumentException("epochs must not be negative");
    }
    final long from = epoch - Math.min(epoch, epochsAfter);
    final long to = epochsBefore > Long.MAX_VALUE - epoch ? Long.MAX_VALUE : epoch + epochsBefore;
    final Set<ForkDigest> digests = new LinkedHashSet<>();
    digests.add(digestAt(epoch));
    digests.add(digestAt(from));
    boundaryEpochs().stream()
        .filter(boundary -> boundary > from && boundary <= to)
        .sorted()
        .forEach(boundary -> digests.add(digestAt(boundary)));
    return Collections.unmodifiableSet(digests);
  }

  /** The first epoch after {@code epoch} at which the digest changes; empty if none is scheduled. */
  public OptionalLong nextDigestChangeAfter(final long epoch) {
    final ForkDigest current = digestAt(epoch);
    return boundaryEpochs().stream()
        .filter(boundary -> boundary > epoch && boundary != Long.MAX_VALUE)
        .sorted()
        .filter(boundary -> !digestAt(boundary).equals(current))
        .mapToLong(Long::longValue)
        .findFirst();
  }

  /** Every epoch at which the digest may change: fork epochs, Fulu and blob schedule entries. */
  private List<Long> boundaryEpochs() {
    final List<Long> epochs = new ArrayList<>();
    forks.forEach(fork -> epochs.add(fork.epoch()));
    if (fuluForkEpoch != Long.MAX_VALUE) {
      epochs.add(fuluForkEpoch);
      blobSchedule.stream()
          .filter(entry -> entry.epoch() >= fuluForkEpoch)
          .forEach(entry -> epochs.add(entry.epoch()));
    }
    return epochs;
  }

  /** {@code compute_fork_digest} for the given epoch. */
  public ForkDigest digestAt(final long epoch) {
    final byte[] version = versionAt(epoch);
    if (epoch < fuluForkEpoch) {
      return ForkDigest.compute(version, genesisValidatorsRoot);
    }
    return ForkDigest.compute(version, genesisValidatorsRoot, blobParametersAt(epoch));
  }

  /**
   * {@code get_blob_parameters}: the last schedule entry at or before the epoch, else Electra's.
   */
  public BlobParameters blobParametersAt(final long epoch) {
    BlobParameters current = electraBlobs;
    for (final BlobParameters entry : blobSchedule) {
      if (epoch >= entry.epoch()) {
        current = entry;
      }
    }
    return current;
  }

  private byte[] versionAt(final long epoch) {
    byte[] version = forks.getFirst().version();
    for (final Fork fork : forks) {
      if (epoch >= fork.epoch()) {
        version = fork.version();
      }
    }
    return version;
  }
}

package io.zkstateless.broadcaster.fork;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.fork.BlobParameters;
import io.zkstateless.common.model.fork.ForkDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Everything needed to compute the fork digest of any moment: the chain's genesis, its fork
 * versions by epoch and, from Fulu on, its blob schedule. Built once from the beacon node; the
 * digest then follows fork and blob-parameter boundaries without asking the node again.
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

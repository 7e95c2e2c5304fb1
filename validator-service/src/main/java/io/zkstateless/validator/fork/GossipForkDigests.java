package io.zkstateless.validator.fork;

import io.zkstateless.common.model.fork.ForkDigest;
import io.zkstateless.common.model.fork.ForkSchedule;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fork digests whose execution-proof topics the validator is subscribed to: one digest fixed
 * in configuration, or at each moment those the beacon node's fork schedule gives ({@link
 * ForkSchedule#gossipDigestsAt}: the next fork's a few epochs before it, the previous one's a few
 * epochs after it).
 */
public sealed interface GossipForkDigests {

  /** The digests to be subscribed at {@code now} (8 lower-case hex digits), the current one first. */
  List<String> at(Instant now);

  /** Every digest this source can return, so that the topics of each are scored from the start. */
  Set<String> all();

  /** What it is, for the log. */
  String describe();

  /** One digest, whatever the time: {@code validator.p2p.fork-digest}. */
  record Fixed(ForkDigest digest) implements GossipForkDigests {

    @Override
    public List<String> at(final Instant now) {
      return List.of(digest.hex());
    }

    @Override
    public Set<String> all() {
      return Set.of(digest.hex());
    }

    @Override
    public String describe() {
      return digest.hex() + " (configured)";
    }
  }

  /**
   * The beacon node's schedule, read once at startup.
   *
   * @param epochsBefore subscribe to a fork's topics this many epochs before its epoch
   * @param epochsAfter keep the previous fork's topics this many epochs after it
   */
  record Scheduled(ForkSchedule schedule, long epochsBefore, long epochsAfter)
      implements GossipForkDigests {

    public Scheduled {
      if (epochsBefore < 0 || epochsAfter < 0) {
        throw new IllegalArgumentException("fork subscription epochs must not be negative");
      }
    }

    @Override
    public List<String> at(final Instant now) {
      return schedule.gossipDigestsAt(schedule.epochAt(now), epochsBefore, epochsAfter).stream()
          .map(ForkDigest::hex)
          .toList();
    }

    @Override
    public Set<String> all() {
      final Set<String> digests = new LinkedHashSet<>();
      digests.add(schedule.digestAt(0).hex());
      long epoch = 0;
      // Bounded by the schedule: each step moves to a later boundary.
      for (int steps = 0; steps < 1024; steps++) {
        final var next = schedule.nextDigestChangeAfter(epoch);
        if (next.isEmpty()) {
          break;
        }
        epoch = next.getAsLong();
        digests.add(schedule.digestAt(epoch).hex());
      }
      return Set.copyOf(digests);
    }

    @Override
    public String describe() {
      final long epoch = schedule.epochAt(Instant.now());
      return schedule.digestAt(epoch).hex()
          + " at epoch "
          + epoch
          + schedule
              .nextDigestChangeAfter(epoch)
              .stream()
              .mapToObj(e -> ", next " + schedule.digestAt(e).hex() + " at epoch " + e)
              .findFirst()
              .orElse(", no fork scheduled");
    }
  }
}

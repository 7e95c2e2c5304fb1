package io.zkstateless.common.test.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults a {@link FaultProxy} applies, as one immutable value swapped atomically, so a pump
 * never sees half of a change (a latency from one setting and a cap from another).
 *
 * @param mode whether bytes pass, the link is cut, or bytes vanish
 * @param latency added before each chunk is forwarded, in each direction
 * @param jitter up to this much more latency, uniformly at random per chunk
 * @param bytesPerSecond the cap per connection and direction; 0 for none
 */
public record Toxics(Mode mode, Duration latency, Duration jitter, long bytesPerSecond) {

  /** What happens to the link as a whole. */
  public enum Mode {
    /** Bytes pass, subject to latency and the bandwidth cap. */
    PASS,
    /** Every open connection is closed and new ones are closed as soon as they are accepted. */
    CUT,
    /** Connections are accepted and read, but nothing is forwarded either way, and nothing closes. */
    BLACK_HOLE
  }

  /** No fault at all. */
  public static final Toxics NONE = new Toxics(Mode.PASS, Duration.ZERO, Duration.ZERO, 0);

  public Toxics {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(jitter, "jitter");
    if (latency.isNegative() || jitter.isNegative()) {
      throw new IllegalArgumentException("latency and jitter must not be negative");
    }
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bytesPerSecond must not be negative: " + bytesPerSecond);
    }
  }

  public Toxics withMode(final Mode newMode) {
    return new Toxics(newMode, latency, jitter, bytesPerSecond);
  }

  public Toxics withLatency(final Duration newLatency, final Duration newJitter) {
    return new Toxics(mode, newLatency, newJitter, bytesPerSecond);
  }

  public Toxics withBandwidth(final long newBytesPerSecond) {
    return new Toxics(mode, latency, jitter, newBytesPerSecond);
  }
}

package io.zkstateless.validator.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets that only failures spend: each source may fail {@code perSourceBurst} times, then
 * {@code perSourcePerSecond}; all sources together {@code globalPerSecond}. A source out of tokens
 * has its proofs ignored before any expensive work, so a flood of junk cannot starve valid proofs
 * of verification time; the global budget binds only sources that failed recently. Valid proofs
 * never spend tokens. Bounded: only sources that failed have a bucket, a refilled bucket is
 * forgotten, and at most {@code maxSources} are kept, least recently used forgotten first.
 */
final class FailureRateLimiter {

  private final double perSourcePerSecond;
  private final double perSourceBurst;
  private final Bucket global;
  private final Map<String, Bucket> bySource;

  FailureRateLimiter(
      final double perSourcePerSecond, final double perSourceBurst, final double globalPerSecond, final int maxSources) {
    this.perSourcePerSecond = perSourcePerSecond;
    this.perSourceBurst = perSourceBurst;
    this.global = new Bucket(globalPerSecond, Math.max(globalPerSecond, 1), Instant.EPOCH);
    this.bySource =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(final Map.Entry<String, Bucket> eldest) {
            return size() > maxSources;
          }
        };
  }

  /**
   * Whether the source may still fail now (it has a token left), without spending one. A source
   * with a clean record (its bucket full: no failure in its recent past) is not held to the global
   * budget: otherwise many throwaway identities could spend that budget together and get every
   * honest peer's proofs ignored. Each new identity so costs at most one failure beyond the global
   * budget, and a libp2p identity costs the attacker a connection and a Noise handshake.
   */
  synchronized boolean allows(final String source, final Instant now) {
    final Bucket own = bySource.get(source);
    if (own == null) {
      return true; // as a fresh bucket would: full, so not held to the global budget either
    }
    return own.peek(now) && (own.full(now) || global.peek(now));
  }

  /** Spends a token for a failure of {@code source}. */
  synchronized void recordFailure(final String source, final Instant now) {
    forgetRefilled(now);
    bucket(source, now).take(now);
    global.take(now);
  }

  /** Sources with a bucket: those that failed and have not yet earned their burst back. */
  synchronized int trackedSources() {
    return bySource.size();
  }

  /**
   * A bucket that has refilled is no different from none, so a few at the least recently used end
   * go whenever a failure is recorded: throwaway identities cost a bucket only for the seconds
   * their burst takes to refill, not until {@code maxSources} newer ones push them out.
   */
  private void forgetRefilled(final Instant now) {
    final Iterator<Bucket> leastRecentlyUsed = bySource.values().iterator();
    for (int i = 0; i < 4 && leastRecentlyUsed.hasNext(); i++) {
      if (!leastRecentlyUsed.next().full(now)) {
        return;
      }
      leastRecentlyUsed.remove();
    }
  }

  private Bucket bucket(final String source, final Instant now) {
    return bySource.computeIfAbsent(source, s -> new Bucket(perSourcePerSecond, perSourceBurst, now));
  }

  private static final class Bucket {
    private final double ratePerSecond;
    private final double capacity;
    private double tokens;
    private Instant refilledAt;

    Bucket(final double ratePerSecond, final double capacity, final Instant now) {
      this.ratePerSecond = ratePerSecond;
      this.capacity = capacity;
      this.tokens = capacity;
      this.refilledAt = now;
    }

    boolean peek(final Instant now) {
      refill(now);
      return tokens >= 1;
    }

    boolean full(final Instant now) {
      refill(now);
      return tokens >= capacity;
    }

    void take(final Instant now) {
      refill(now);
      tokens = Math.max(0, tokens - 1);
    }

    private void refill(final Instant now) {
      final double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
      if (seconds > 0) {
        tokens = Math.min(capacity, tokens + seconds * ratePerSecond);
        refilledAt = now;
      }
    }
  }
}

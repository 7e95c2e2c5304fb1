package io.zkstateless.common.test.fault;

import java.time.Duration;
import java.time.Instant;

/**
 * The timing of one fault in a fault test: how long it lasts ({@code -Dreliability.cut.seconds},
 * 10 s by default to keep the suite short; the figure is 30 s) and how long the service
 * took to recover after it ended. Recovery times are logged by the tests and collected in
 * docs/reliability.md.
 */
public final class Outage {

  /** How long each dependency stays cut. */
  public static final Duration LENGTH = Duration.ofSeconds(Long.getLong("reliability.cut.seconds", 10));

  private final Instant began = Instant.now();
  private Instant ended;

  private Outage() {}

  /** Starts timing an outage that begins now. */
  public static Outage begin() {
    return new Outage();
  }

  /** Sleeps out the rest of {@link #LENGTH} since the outage began. */
  public Outage lastOut() throws InterruptedException {
    Thread.sleep(Math.max(0, LENGTH.minus(Duration.between(began, Instant.now())).toMillis()));
    return this;
  }

  /** Marks the end of the fault (the restore); recovery is timed from here. */
  public Outage end() {
    ended = Instant.now();
    return this;
  }

  /** Time since the outage began. */
  public Duration sinceBegin() {
    return Duration.between(began, Instant.now());
  }

  /** Time since {@link #end()}: call once the service has recovered. */
  public Duration recovery() {
    if (ended == null) {
      throw new IllegalStateException("the outage has not ended");
    }
    return Duration.between(ended, Instant.now());
  }

  /** A log line tests print, so that runs can be compared: "RECOVERY fault=... after=... recovery=...". */
  public String report(final String fault) {
    return String.format("RECOVERY fault=%s outage=%ds recovery=%.2fs", fault, LENGTH.toSeconds(),
        recovery().toMillis() / 1000.0);
  }
}

package io.zkstateless.common.test.fault;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A slow link rather than a broken one, put on a {@link FaultProxy} while a service is under load:
 * latency with jitter, or a bandwidth cap. How long it lasts is {@code
 * -Dreliability.degrade.seconds} (3 s by default, so the suite stays short; a soak is one flag
 * away).
 *
 * @param name how the run's report and the test's display name call it
 * @param apply sets the fault on a proxy
 */
public record Degradation(String name, Consumer<FaultProxy> apply) {

  /** How long each degradation lasts under load. */
  public static final Duration LENGTH = Duration.ofSeconds(Long.getLong("reliability.degrade.seconds", 3));

  /** The figures: 50 to 200 ms each way, here 100 ms plus up to 100 ms of jitter. */
  public static Degradation latency() {
    return latency(Duration.ofMillis(100), Duration.ofMillis(100));
  }

  public static Degradation latency(final Duration latency, final Duration jitter) {
    return new Degradation("latency " + latency.toMillis() + "+" + jitter.toMillis() + "ms",
        proxy -> proxy.latency(latency, jitter));
  }

  /** The figure: 1 MiB/s per connection and direction. */
  public static Degradation bandwidth() {
    return bandwidth(1024 * 1024);
  }

  public static Degradation bandwidth(final long bytesPerSecond) {
    return new Degradation("bandwidth " + bytesPerSecond / 1024 + "KiB/s",
        proxy -> proxy.bandwidth(bytesPerSecond));
  }

  /** Whether this degradation is a bandwidth cap. */
  public boolean isCap() {
    return name.startsWith("bandwidth");
  }

  @Override
  public String toString() {
    return name;
  }
}

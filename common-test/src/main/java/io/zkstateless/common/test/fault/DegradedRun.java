package io.zkstateless.common.test.fault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@link Degradation} of one link while a test streams work at a service: puts the fault on,
 * samples readiness and liveness every {@link #SAMPLE_INTERVAL} while it lasts, lifts it, and
 * measures what the issue asks for: throughput under the fault (units of work done per second, by
 * the test's own count of finished work), the backlog at the lift, and the time the backlog took
 * to drain after it. {@link #report()} prints them on one {@code LOAD ...} line.
 */
public final class DegradedRun {

  private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(250);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String fault;
  private final FaultProxy link;
  private final Degradation degradation;
  private final ServiceProbe probe;
  private final LongSupplier done;
  private final List<String> readiness = new CopyOnWriteArrayList<>();
  private final List<Boolean> liveness = new CopyOnWriteArrayList<>();
  private volatile long slowestProbeNanos;
  private final long doneAtStart;
  private final long startNanos;
  private final Thread sampler;
  private volatile boolean lifted;
  private long doneAtLift;
  private long workAtLift;
  private long liftNanos;
  private long drainedNanos;

  private DegradedRun(final String fault, final FaultProxy link, final Degradation degradation,
      final ServiceProbe probe, final LongSupplier done) {
    this.fault = fault;
    this.link = link;
    this.degradation = degradation;
    this.probe = probe;
    this.done = done;
    this.doneAtStart = done.getAsLong();
    degradation.apply().accept(link);
    this.startNanos = System.nanoTime();
    this.sampler = Thread.ofVirtual().name("degraded-run-sampler").start(this::sample);
  }

  /**
   * Degrades {@code link} now. {@code done} counts the work the service finished so far (proofs
   * stored, records published, ...), read before, at the lift and until the backlog drained.
   */
  public static DegradedRun start(final String fault, final FaultProxy link, final Degradation degradation,
      final ServiceProbe probe, final LongSupplier done) {
    return new DegradedRun(fault, link, degradation, probe, done);
  }

  /** Lifts the fault, once {@code workSoFar} units of work (since the service started) were sent. */
  public DegradedRun lift(final long workSoFar) {
    doneAtLift = done.getAsLong();
    workAtLift = workSoFar;
    liftNanos = System.nanoTime();
    lifted = true;
    link.restore();
    return this;
  }

  /** Waits until {@code total} units of work are done; the drain time is measured from the lift. */
  public DegradedRun awaitDrained(final long total, final Duration atMost) throws InterruptedException {
    final long until = System.nanoTime() + atMost.toNanos();
    while (done.getAsLong() < total) {
      if (System.nanoTime() > until) {
        throw new AssertionError(String.format("%s: %d of %d done %s after the lift", fault, done.getAsLong(),
            total, atMost));
      }
      Thread.sleep(50);
    }
    drainedNanos = System.nanoTime();
    return this;
  }

  /** Work done per second while the link was degraded. */
  public double throughputUnderFault() {
    return (doneAtLift - doneAtStart) / seconds(liftNanos - startNanos);
  }

  /** Work sent but not done when the fault was lifted. */
  public long backlogAtLift() {
    return workAtLift - doneAtLift;
  }

  public Duration drainTime() {
    return Duration.ofNanos(drainedNanos - liftNanos);
  }

  /** Readiness answers sampled during the fault, by status and the components not UP. */
  public Map<String, Integer> readinessSeen() {
    final Map<String, Integer> seen = new TreeMap<>();
    readiness.forEach(answer -> seen.merge(summary(answer), 1, Integer::sum));
    return seen;
  }

  /**
   * Readiness told the truth throughout: every probe answered (none hung or failed to connect),
   * liveness stayed 200, and a 503 only ever named one of {@code degraded}, the indicators of the
   * slowed dependency; a slow link must not be blamed on a healthy one.
   */
  public void assertReadinessTruthful(final String... degraded) throws InterruptedException {
    // A probe sent before the lift may still be out; it counts as one sampled under the fault.
    sampler.join(Duration.ofSeconds(30));
    check(!readiness.isEmpty(), "no readiness sample during the fault");
    check(!liveness.contains(false), "liveness failed during the fault: " + liveness);
    final Set<String> allowed = Set.of(degraded);
    for (final String answer : readiness) {
      check(answer.startsWith("200 ") || answer.startsWith("503 "), "readiness did not answer: " + answer);
      check(allowed.containsAll(notUp(answer)), "readiness blamed a healthy dependency: " + answer);
    }
  }

  /** {@code LOAD fault=... degradation=... for=...s throughput=.../s backlog=... drain=...s readiness={...}}. */
  public String report() {
    return String.format("LOAD fault=%s degradation=%s for=%.1fs done=%d throughput=%.1f/s backlog-at-lift=%d"
            + " drain=%.2fs readiness=%s slowest-readiness=%.2fs",
        fault, degradation, seconds(liftNanos - startNanos), doneAtLift - doneAtStart, throughputUnderFault(),
        backlogAtLift(), drainTime().toMillis() / 1000.0, readinessSeen(), slowestProbeNanos / 1e9);
  }

  private void check(final boolean holds, final String problem) {
    if (!holds) {
      throw new AssertionError(fault + " (" + degradation + "): " + problem);
    }
  }

  private void sample() {
    while (!lifted) {
      // A client of its own per sample: a pooled keep-alive connection is not what a kubelet uses.
      try (ServiceProbe once = probe.fresh()) {
        final long sent = System.nanoTime();
        readiness.add(once.readiness());
        slowestProbeNanos = Math.max(slowestProbeNanos, System.nanoTime() - sent);
        liveness.add(once.live());
      }
      try {
        Thread.sleep(SAMPLE_INTERVAL);
      } catch (final InterruptedException e) {
        return;
      }
    }
  }

  private static String summary(final String answer) {
    final Set<String> down = notUp(answer);
    return answer.substring(0, 3) + (down.isEmpty() ? "" : " " + String.join(",", down));
  }

  /** The readiness group's components whose status is not UP, read from the answer's JSON. */
  private static Set<String> notUp(final String answer) {
    final Set<String> down = new TreeSet<>();
    if (answer.length() < 4 || answer.startsWith("000")) {
      return down;
    }
    try {
      JSON.readTree(answer.substring(4)).path("components").properties().forEach(component -> {
        if (!"UP".equals(component.getValue().path("status").asString())) {
          down.add(component.getKey());
        }
      });
    } catch (final JacksonException e) {
      down.add("<unreadable answer>");
    }
    return down;
  }

  private static double seconds(final long nanos) {
    return Math.max(nanos, 1) / 1e9;
  }
}

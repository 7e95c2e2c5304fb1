package io.zkstateless.e2e.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When to kill which service, drawn from a seed so that a failing run can be replayed: {@code
 * count} kills at uniformly random moments of a run, each followed by a random downtime. The first
 * kills take every service once in a random order, so even a short plan kills each of them.
 */
public final class KillPlan {

  /** Kill {@code service} at {@code atMillis} after the run starts, restart it {@code downMillis} later. */
  public record Kill(long atMillis, String service, long downMillis) {}

  private KillPlan() {}

  public static List<Kill> draw(
      final long seed,
      final List<String> services,
      final int count,
      final long fromMillis,
      final long toMillis,
      final long maxDownMillis) {
    final Random random = new Random(seed);
    final List<String> order = new ArrayList<>(services);
    Collections.shuffle(order, random);
    final List<Long> moments = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      moments.add(fromMillis + (long) (random.nextDouble() * (toMillis - fromMillis)));
    }
    moments.sort(Comparator.naturalOrder());
    final List<Kill> kills = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      final String service =
          i < order.size() ? order.get(i) : services.get(random.nextInt(services.size()));
      kills.add(new Kill(moments.get(i), service, (long) (random.nextDouble() * maxDownMillis)));
    }
    return List.copyOf(kills);
  }
}

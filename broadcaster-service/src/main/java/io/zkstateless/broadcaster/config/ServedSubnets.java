package io.zkstateless.broadcaster.config;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The subnets this broadcaster publishes on: the configured ones, or all of them. */
public record ServedSubnets(Set<Integer> ids) {

  public ServedSubnets {
    ids = Set.copyOf(ids);
  }

  public static ServedSubnets from(
      final BroadcasterProperties broadcaster, final ZkSubnetProperties zk) {
    final int max = zk.maxExecutionProofSubnets();
    if (broadcaster.subnets().isEmpty()) {
      return new ServedSubnets(IntStream.range(0, max).boxed().collect(Collectors.toSet()));
    }
    for (final int subnet : broadcaster.subnets()) {
      if (subnet >= max) {
        throw new IllegalArgumentException(
            "broadcaster.subnets: subnet "
                + subnet
                + " is not below zk.max-execution-proof-subnets="
                + max);
      }
    }
    return new ServedSubnets(broadcaster.subnets());
  }

  public boolean serves(final int subnet) {
    return ids.contains(subnet);
  }

  public Set<Integer> sorted() {
    return new TreeSet<>(ids);
  }
}

package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * gossipsub v1.1's D_out when a mesh above D_high is cut down to D: of the peers kept, at least
 * D_out must be ones we dialled (if the mesh has that many), because a peer cannot make us dial it
 * and so cannot fill our mesh with its own nodes by connecting to us many times over.
 */
final class OutboundQuota {

  private OutboundQuota() {}

  /**
   * The first {@code keep} peers of {@code ranked} (best first), with inbound peers at the end of
   * that selection swapped for the next outbound peers after it until {@code dOut} of the kept
   * peers are outbound or no outbound peer is left. Swapping from the end spares the peers kept
   * for their score, which the caller puts first.
   */
  static List<PeerId> select(
      final List<PeerId> ranked, final int keep, final int dOut, final Predicate<PeerId> outbound) {
    final List<PeerId> kept = new ArrayList<>(ranked.subList(0, Math.min(keep, ranked.size())));
    int outboundKept = (int) kept.stream().filter(outbound).count();
    int swapAt = kept.size() - 1;
    for (final PeerId candidate : ranked.subList(kept.size(), ranked.size())) {
      if (outboundKept >= dOut) {
        break;
      }
      if (!outbound.test(candidate)) {
        continue;
      }
      while (swapAt >= 0 && outbound.test(kept.get(swapAt))) {
        swapAt--;
      }
      if (swapAt < 0) {
        break; // every kept peer is outbound already
      }
      kept.set(swapAt--, candidate);
      outboundKept++;
    }
    return kept;
  }

  /** How many more outbound peers {@code mesh} needs to hold {@code dOut} of them. */
  static int missing(final Iterable<PeerId> mesh, final int dOut, final Predicate<PeerId> outbound) {
    int count = 0;
    for (final PeerId p : mesh) {
      if (outbound.test(p)) {
        count++;
      }
    }
    return Math.max(0, dOut - count);
  }
}

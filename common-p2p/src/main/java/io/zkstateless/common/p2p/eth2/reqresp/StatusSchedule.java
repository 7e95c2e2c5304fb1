package io.zkstateless.common.p2p.eth2.reqresp;

import io.zkstateless.common.p2p.crypto.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each connected peer's Status was last exchanged (sent or received, in either direction), so
 * that it is exchanged again every {@code interval}, as Lodestar and Teku do every 5 minutes. A peer
 * that dialled us gets {@code inboundGrace} to send its Status first, as the dialer must, before we
 * ask for it.
 */
final class StatusSchedule {

  private final Duration interval;
  private final Duration inboundGrace;
  private final InstantSource clock;
  private final Map<PeerId, Instant> lastExchange = new ConcurrentHashMap<>();

  StatusSchedule(final Duration interval, final Duration inboundGrace, final InstantSource clock) {
    if (!interval.isPositive() || inboundGrace.isNegative() || inboundGrace.compareTo(interval) > 0) {
      throw new IllegalArgumentException("need interval > 0 and 0 <= inbound grace <= interval");
    }
    this.interval = interval;
    this.inboundGrace = inboundGrace;
    this.clock = clock;
  }

  /** A peer dialled us: its Status falls due after the grace period unless it sends one. */
  void inboundConnected(final PeerId peer) {
    lastExchange.putIfAbsent(peer, clock.instant().minus(interval).plus(inboundGrace));
  }

  void exchanged(final PeerId peer) {
    lastExchange.put(peer, clock.instant());
  }

  /** Whether the peer's Status is older than the interval (or was never exchanged). */
  boolean due(final PeerId peer) {
    final Instant last = lastExchange.get(peer);
    return last == null || !last.plus(interval).isAfter(clock.instant());
  }

  void forget(final PeerId peer) {
    lastExchange.remove(peer);
  }
}

package io.zkstateless.common.p2p.eth2;

import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one static peer connected: dials it, and whenever the dial fails or the connection closes,
 * dials again after a backoff that doubles up to {@code max} and resets once a dial succeeds.
 */
final class StaticPeerDialer {

  private static final Logger LOG = LoggerFactory.getLogger(StaticPeerDialer.class);

  private final Host host;
  private final Multiaddr address;
  private final ScheduledExecutorService scheduler;
  private final Duration initial;
  private final Duration max;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private Duration backoff;

  StaticPeerDialer(
      final Host host,
      final Multiaddr address,
      final ScheduledExecutorService scheduler,
      final Duration initial,
      final Duration max) {
    this.host = host;
    this.address = address;
    this.scheduler = scheduler;
    this.initial = initial;
    this.max = max;
    this.backoff = initial;
  }

  void start() {
    dial();
  }

  void stop() {
    stopped.set(true);
  }

  private void dial() {
    if (stopped.get()) {
      return;
    }
    host.dial(address)
        .whenComplete(
            (connection, error) -> {
              if (error != null) {
                LOG.debug("Dial of static peer {} failed: {}", address, error.toString());
                redialLater();
              } else {
                onConnected(connection);
              }
            });
  }

  private synchronized void onConnected(final Connection connection) {
    backoff = initial;
    connection.closeFuture().whenComplete((ignored, error) -> redialLater());
  }

  private synchronized void redialLater() {
    if (stopped.get() || scheduler.isShutdown()) {
      return;
    }
    final Duration wait = backoff;
    backoff = backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2);
    try {
      scheduler.schedule(this::dial, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final RejectedExecutionException e) {
      // The node is closing.
    }
  }
}

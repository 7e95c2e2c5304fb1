package io.zkstateless.common.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Java nodes over real TCP, Noise and yamux: a publisher that waits for each confirmed publish
 * before the next (as the broadcaster does) and a receiver whose validation is stalled. The
 * receiver stops reading at its pause mark, so the publisher's confirmations stop once the socket
 * buffers are full, instead of messages being dropped at either end; once validation resumes,
 * every message arrives exactly once.
 */
class GossipBackpressureIntegrationTest {

  private static final String TOPIC = "/eth2/bfe0d3f4/execution_proof_0/ssz_snappy";
  private static final int MESSAGES = 40;
  private static final int MESSAGE_BYTES = 1 << 20; // 40 MiB in all: more than loopback buffers

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService validation = Executors.newSingleThreadExecutor();
  private final ExecutorService publishing = Executors.newSingleThreadExecutor();
  private Host senderHost;
  private Host receiverHost;
  private Gossipsub sender;
  private Gossipsub receiver;

  @AfterEach
  void stop() {
    publishing.shutdownNow();
    validation.shutdownNow();
    scheduler.shutdownNow();
    sender.close();
    receiver.close();
    senderHost.close();
    receiverHost.close();
  }

  @Test
  void aStalledValidatorSlowsThePublisherDownAndLosesNothing() throws Exception {
    final Semaphore validationsAllowed = new Semaphore(0);
    final Map<Integer, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    receiver =
        new Gossipsub(
            GossipParams.ETH2.withValidationBounds(16, Duration.ofMinutes(1)),
            RpcLimits.ETH2,
            GossipRouterTest::sha256Id,
            (from, message) ->
                CompletableFuture.supplyAsync(
                    () -> {
                      validationsAllowed.acquireUninterruptibly();
                      return GossipValidator.Result.ACCEPT;
                    },
                    validation),
            (id, message) ->
                deliveries
                    .computeIfAbsent(
                        ByteBuffer.wrap(message.data()).getInt(), n -> new AtomicInteger())
                    .incrementAndGet(),
            Clock.systemUTC(),
            GossipScoreConfig.DISABLED,
            ValidationBackpressure.pauseAt(2, 64L << 20));
    sender =
        new Gossipsub(
            GossipParams.ETH2,
            RpcLimits.ETH2,
            GossipRouterTest::sha256Id,
            GossipValidator.ACCEPT_ALL,
            (id, message) -> {},
            Clock.systemUTC());
    receiver.router().subscribe(TOPIC);
    sender.router().subscribe(TOPIC);
    receiverHost = host(receiver);
    senderHost = host(sender);
    final Multiaddr address =
        receiverHost.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    senderHost.dial(address).get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 200 && sender.router().topicPeerCount(TOPIC) < 1; i++) {
      Thread.sleep(25);
    }

    final AtomicInteger confirmed = new AtomicInteger();
    final AtomicInteger unconfirmed = new AtomicInteger();
    final CompletableFuture<Void> allPublished =
        CompletableFuture.runAsync(
            () -> {
              for (int n = 0; n < MESSAGES; n++) {
                final int peers = sender.router().publishConfirmed(TOPIC, message(n)).join();
                (peers > 0 ? confirmed : unconfirmed).incrementAndGet();
              }
            },
            publishing);

    for (int i = 0; i < 600 && !receiver.router().readingPaused(); i++) {
      Thread.sleep(50);
    }
    awaitSteady(confirmed);
    System.out.printf(
        "backpressure: receiver stalled; %d of %d messages of %d bytes confirmed, %d awaiting a"
            + " verdict, reading paused %s%n",
        confirmed.get(),
        MESSAGES,
        MESSAGE_BYTES,
        receiver.router().pendingValidations(),
        receiver.router().readingPaused());
    assertThat(receiver.router().readingPaused()).isTrue();
    assertThat(confirmed.get())
        .as("the publisher is held back while the receiver does not read")
        .isLessThan(MESSAGES);
    assertThat(receiver.router().pendingValidations())
        .as("no more than the pause mark and what was already read")
        .isLessThanOrEqualTo(4);

    validationsAllowed.release(Integer.MAX_VALUE / 2);
    allPublished.get(60, TimeUnit.SECONDS);
    for (int i = 0; i < 600 && deliveries.size() < MESSAGES; i++) {
      Thread.sleep(50);
    }
    assertThat(unconfirmed).as("no publish failed").hasValue(0);
    assertThat(confirmed).hasValue(MESSAGES);
    assertThat(deliveries).hasSize(MESSAGES);
    assertThat(deliveries.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(receiver.router().readPauses()).isPositive();
    assertThat(receiver.router().readingPaused()).isFalse();
  }

  /** Waits until {@code progress} has not moved for two seconds (at most 60 s). */
  private static void awaitSteady(final AtomicInteger progress) throws InterruptedException {
    int last = -1;
    for (int i = 0; i < 30 && progress.get() != last; i++) {
      last = progress.get();
      Thread.sleep(2000);
    }
  }

  private Host host(final Gossipsub gossipsub) {
    final Host host =
        new Host(
            HostConfig.of(Secp256k1PrivateKey.generate(), List.of(gossipsub.protocolHandler())));
    gossipsub.attach(host, scheduler);
    return host;
  }

  private static byte[] message(final int n) {
    final byte[] data = new byte[MESSAGE_BYTES];
    ByteBuffer.wrap(data).putInt(n);
    data[MESSAGE_BYTES - 1] = 1;
    return data;
  }
}

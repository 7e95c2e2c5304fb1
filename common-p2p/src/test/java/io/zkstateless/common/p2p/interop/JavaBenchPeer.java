package io.zkstateless.common.p2p.interop;

import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipCodec;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipValidator;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import io.zkstateless.common.p2p.gossip.GossipParams;
import io.zkstateless.common.p2p.gossip.GossipRateLimit;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.ValidationBackpressure;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A benchmark peer in this JVM: an {@link Eth2GossipNode} as the broadcaster and the validator run
 * it, whose application handler times each decoded proof and ACCEPTs it.
 */
final class JavaBenchPeer implements BenchPeer {

  private static final ExecutionProofGossipCodec CODEC =
      new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT);

  private static final GossipParams BENCH_PARAMS =
      GossipParams.ETH2.withRateLimit(GossipRateLimit.UNLIMITED);

  private final Eth2GossipNode node;
  private final String address;
  private final Map<Integer, byte[]> tails = new HashMap<>();
  private final Object latencyLock = new Object();
  private final AtomicLong delivered = new AtomicLong();
  private volatile Thread waiter;
  private long[] latencies = new long[1024];
  private int latencyCount;

  private JavaBenchPeer(final String forkDigest, final List<String> dial) throws Exception {
    node =
        new Eth2GossipNode(
            Eth2NodeConfig.of(
                Secp256k1PrivateKey.generate(),
                Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"),
                dial.stream().map(Multiaddr::fromString).toList(),
                forkDigest),
            new ExecutionProofGossipValidator(
                forkDigest,
                CODEC,
                (from, subnet, proof) -> {
                  onDelivered(BenchProofs.age(proof));
                  return CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT);
                }),
            (id, message) -> {},
            Optional.empty(),
            Eth2GossipNode.defaultScoring(forkDigest),
            // Hundreds of MiB/s between two nodes is the point here, far above the default limit.
            BENCH_PARAMS,
            ValidationBackpressure.defaultFor(BENCH_PARAMS.maxPendingValidations()));
    address = node.start().withPeerId(node.peerId()).toString();
  }

  static JavaBenchPeer start(final String forkDigest, final List<String> dial) throws Exception {
    return new JavaBenchPeer(forkDigest, dial);
  }

  /** On the event loop: no lock the orchestrator could hold, just a wake-up if it waits. */
  private void onDelivered(final long latency) {
    synchronized (latencyLock) {
      if (latencyCount == latencies.length) {
        latencies = Arrays.copyOf(latencies, latencies.length * 2);
      }
      latencies[latencyCount++] = latency;
    }
    delivered.incrementAndGet();
    final Thread waiting = waiter;
    if (waiting != null) {
      LockSupport.unpark(waiting);
    }
  }

  @Override
  public String name() {
    return "java";
  }

  @Override
  public String peerId() {
    return node.peerId().toString();
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public void subscribe(final String topic) {
    node.subscribe(GossipTopic.parse(topic).orElseThrow());
  }

  @Override
  public void awaitSubscriber(final String topic, final String peerId) throws Exception {
    final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (node.topicPeerCount(GossipTopic.parse(topic).orElseThrow()) < 1) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(peerId + " never subscribed to " + topic);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void publish(final String topic, final long firstSeq, final int count, final int size) {
    final GossipTopic gossipTopic = GossipTopic.parse(topic).orElseThrow();
    final byte[] tail = tails.computeIfAbsent(size, BenchProofs::randomTail);
    for (int i = 0; i < count; i++) {
      node.publish(gossipTopic, CODEC.encode(BenchProofs.proof(tail, firstSeq + i)));
    }
  }

  @Override
  public void paced(
      final String topic,
      final long firstSeq,
      final int count,
      final int size,
      final long intervalNanos) {
    final long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      final long due = start + i * intervalNanos;
      for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
        LockSupport.parkNanos(due - now);
      }
      publish(topic, firstSeq + i, 1, size);
    }
  }

  @Override
  public void trackDeliveries(final boolean track) {
    // Deliveries are counted in this JVM either way.
  }

  @Override
  public void awaitDelivered(final long count, final Duration timeout) throws Exception {
    final long deadline = System.nanoTime() + timeout.toNanos();
    waiter = Thread.currentThread();
    try {
      while (delivered.get() < count) {
        final long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("delivered " + delivered.get() + " of " + count);
        }
        LockSupport.parkNanos(this, left);
      }
    } finally {
      waiter = null;
    }
  }

  @Override
  public long delivered() {
    return delivered.get();
  }

  @Override
  public long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Override
  public long[] takeLatencies() {
    synchronized (latencyLock) {
      final long[] taken = Arrays.copyOf(latencies, latencyCount);
      latencyCount = 0;
      return taken;
    }
  }

  @Override
  public void close() {
    node.close();
  }
}

package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-peer rate limit on received gossip messages ({@link GossipRateLimit}): each message costs one
 * message token and its data length in byte tokens of the sending peer's buckets, and a message
 * that cannot pay both is dropped. It runs before the router, so a dropped message never enters
 * the seen cache: the same message from an honest peer is still validated and forwarded. The
 * caller penalises the sender for each drop (gossipsub v1.1's P7, as for a malformed RPC), so a
 * peer that keeps flooding is graylisted and then disconnected by the router's own machinery.
 *
 * <p>Subscriptions and control messages pass untouched: their size per RPC is bounded by {@link
 * RpcLimits}, and what they can make us do (IWANT answers, IHAVE asks) is bounded per heartbeat by
 * the router. Buckets are kept per connected peer and forgotten when the peer has gone.
 */
public final class PeerRateLimiter {

  private final GossipRateLimit limit;
  private final LongSupplier nanoTime;
  private final Map<PeerId, Buckets> buckets = new HashMap<>();

  /** A limiter on {@code nanoTime}, a monotonic clock ({@link System#nanoTime} outside tests). */
  public PeerRateLimiter(final GossipRateLimit limit, final LongSupplier nanoTime) {
    this.limit = limit;
    this.nanoTime = nanoTime;
  }

  /**
   * What of {@code rpc} from {@code peer} is within the peer's rate: the RPC itself when every
   * message is, else the RPC without the messages beyond it (in order: the first ones pass).
   */
  public synchronized Admission admit(final PeerId peer, final GossipRpc rpc) {
    if (rpc.messages().isEmpty() || limit.unlimited()) {
      return new Admission(rpc, List.of());
    }
    final long now = nanoTime.getAsLong();
    final Buckets peerBuckets = buckets.computeIfAbsent(peer, p -> new Buckets(limit, now));
    peerBuckets.refill(now);
    final List<GossipMessage> passed = new ArrayList<>(rpc.messages().size());
    final List<GossipMessage> dropped = new ArrayList<>();
    for (final GossipMessage message : rpc.messages()) {
      if (peerBuckets.tryTake(message.dataLength())) {
        passed.add(message);
      } else {
        dropped.add(message);
      }
    }
    if (dropped.isEmpty()) {
      return new Admission(rpc, List.of());
    }
    return new Admission(new GossipRpc(rpc.subscriptions(), passed, rpc.control()), dropped);
  }

  /** Drops the peer's buckets (it has no connection left); a new connection starts full. */
  public synchronized void forget(final PeerId peer) {
    buckets.remove(peer);
  }

  /** Peers with buckets (those that sent messages and have not been forgotten). */
  public synchronized int trackedPeers() {
    return buckets.size();
  }

  /**
   * What of an RPC passes the limit.
   *
   * @param admitted the RPC to route: the original, or a copy without the dropped messages
   * @param dropped the messages beyond the rate, in the order received
   */
  public record Admission(GossipRpc admitted, List<GossipMessage> dropped) {
    public Admission {
      dropped = List.copyOf(dropped);
    }
  }

  /** One peer's message and byte buckets, taken from together or not at all. */
  private static final class Buckets {
    private final TokenBucket messages;
    private final TokenBucket bytes;

    Buckets(final GossipRateLimit limit, final long now) {
      this.messages = new TokenBucket(limit.messagesPerSecond(), limit.messageBurst(), now);
      this.bytes = new TokenBucket(limit.bytesPerSecond(), limit.byteBurst(), now);
    }

    void refill(final long now) {
      messages.refill(now);
      bytes.refill(now);
    }

    boolean tryTake(final int dataBytes) {
      if (!messages.has(1) || !bytes.has(dataBytes)) {
        return false;
      }
      messages.take(1);
      bytes.take(dataBytes);
      return true;
    }
  }
}

package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.GossipRpc.IWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What one call of the router wants to tell each peer, queued and sent together by {@link
 * #flush()}: subscriptions and control in one RPC, and each message in its own, so that no RPC
 * exceeds the peer's size limit however many large messages go out at once. Guarded by the
 * router's lock.
 */
final class OutgoingRpcs {

  private final Map<PeerId, PeerRpcs> queued = new HashMap<>();
  private final Predicate<PeerId> connected;
  private final GossipRouter.RpcSender sender;

  OutgoingRpcs(final Predicate<PeerId> connected, final GossipRouter.RpcSender sender) {
    this.connected = connected;
    this.sender = sender;
  }

  void subscription(final PeerId peer, final Subscription subscription) {
    to(peer).subscriptions.add(subscription);
  }

  void message(final PeerId peer, final GossipMessage message) {
    to(peer).messages.add(message);
  }

  void ihave(final PeerId peer, final IHave ihave) {
    to(peer).ihave.add(ihave);
  }

  void iwant(final PeerId peer, final IWant iwant) {
    to(peer).iwant.add(iwant);
  }

  void graft(final PeerId peer, final String topic) {
    to(peer).graft.add(new Graft(topic));
  }

  void prune(final PeerId peer, final Prune prune) {
    to(peer).prune.add(prune);
  }

  /** Sends what is queued; a peer whose gossip stream ended meanwhile gets nothing. */
  void flush() {
    for (final Map.Entry<PeerId, PeerRpcs> e : queued.entrySet()) {
      if (connected.test(e.getKey())) {
        e.getValue().build().forEach(rpc -> sender.send(e.getKey(), rpc));
      }
    }
    queued.clear();
  }

  private PeerRpcs to(final PeerId peer) {
    return queued.computeIfAbsent(peer, p -> new PeerRpcs());
  }

  /** What is queued for one peer. */
  private static final class PeerRpcs {
    final List<Subscription> subscriptions = new ArrayList<>();
    final List<GossipMessage> messages = new ArrayList<>();
    final List<IHave> ihave = new ArrayList<>();
    final List<IWant> iwant = new ArrayList<>();
    final List<Graft> graft = new ArrayList<>();
    final List<Prune> prune = new ArrayList<>();

    List<GossipRpc> build() {
      final List<GossipRpc> rpcs = new ArrayList<>();
      final Control control = new Control(ihave, iwant, graft, prune, List.of());
      if (!subscriptions.isEmpty() || !control.isEmpty()) {
        rpcs.add(new GossipRpc(subscriptions, List.of(), control));
      }
      messages.forEach(m -> rpcs.add(new GossipRpc(List.of(), List.of(m), Control.EMPTY)));
      return rpcs;
    }
  }
}

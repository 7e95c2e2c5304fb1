package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.List;
import java.util.Optional;

/**
 * One gossipsub v1.1 RPC: subscription changes, published messages and control messages. Field
 * numbers follow libp2p's {@code rpc.proto}; IDONTWANT (v1.2) is parsed so that a 1.2 peer's RPC
 * does not fail, but we only speak {@code /meshsub/1.1.0}.
 */
public record GossipRpc(
    List<Subscription> subscriptions, List<GossipMessage> messages, Control control) {

  public GossipRpc {
    subscriptions = List.copyOf(subscriptions);
    messages = List.copyOf(messages);
  }

  public static GossipRpc of(final List<Subscription> subscriptions) {
    return new GossipRpc(subscriptions, List.of(), Control.EMPTY);
  }

  /** {@code SubOpts {subscribe=1, topicid=2}}. */
  public record Subscription(boolean subscribe, String topic) {}

  /** {@code ControlMessage {ihave=1, iwant=2, graft=3, prune=4, idontwant=5}}. */
  public record Control(
      List<IHave> ihave,
      List<IWant> iwant,
      List<Graft> graft,
      List<Prune> prune,
      List<IDontWant> idontwant) {

    public static final Control EMPTY =
        new Control(List.of(), List.of(), List.of(), List.of(), List.of());

    public Control {
      ihave = List.copyOf(ihave);
      iwant = List.copyOf(iwant);
      graft = List.copyOf(graft);
      prune = List.copyOf(prune);
      idontwant = List.copyOf(idontwant);
    }

    public boolean isEmpty() {
      return ihave.isEmpty()
          && iwant.isEmpty()
          && graft.isEmpty()
          && prune.isEmpty()
          && idontwant.isEmpty();
    }
  }

  public record IHave(String topic, List<byte[]> messageIds) {
    public IHave {
      messageIds = List.copyOf(messageIds);
    }
  }

  public record IWant(List<byte[]> messageIds) {
    public IWant {
      messageIds = List.copyOf(messageIds);
    }
  }

  public record Graft(String topic) {}

  /** {@code ControlPrune {topicID=1, peers=2 PeerInfo, backoff=3}} (backoff in seconds). */
  public record Prune(String topic, List<PeerInfo> peers, Optional<Long> backoffSeconds) {
    public Prune {
      peers = List.copyOf(peers);
    }
  }

  /** {@code PeerInfo {peerID=1, signedPeerRecord=2}}. */
  public record PeerInfo(Optional<byte[]> peerId, Optional<byte[]> signedPeerRecord) {}

  public record IDontWant(List<byte[]> messageIds) {
    public IDontWant {
      messageIds = List.copyOf(messageIds);
    }
  }
}

package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Publishing our own StrictNoSign messages, flooded to every subscribed peer at or above the publish
 * threshold (see {@link GossipRouter#publish} and {@link GossipRouter#publishConfirmed}). A write
 * may end later, on any thread, and is then handled under {@code routerLock}.
 */
final class OwnPublishes {

  private final Object routerLock;
  private final Function<GossipMessage, MessageId> messageId;
  private final GossipRouter.RpcSender sender;
  private final GossipPeers peers;
  private final GossipScoring scoring;
  private final SeenCache seen;
  private final MessageCache mcache;
  private final TopicMeshes meshes;
  private final OutgoingRpcs outgoing;
  private final ConfirmedPublishes confirmed = new ConfirmedPublishes();
  private GossipEvents events = GossipEvents.NONE;

  OwnPublishes(
      final Object routerLock,
      final Function<GossipMessage, MessageId> messageId,
      final GossipRouter.RpcSender sender,
      final GossipPeers peers,
      final GossipScoring scoring,
      final SeenCache seen,
      final MessageCache mcache,
      final TopicMeshes meshes,
      final OutgoingRpcs outgoing) {
    this.routerLock = routerLock;
    this.messageId = messageId;
    this.sender = sender;
    this.peers = peers;
    this.scoring = scoring;
    this.seen = seen;
    this.mcache = mcache;
    this.meshes = meshes;
    this.outgoing = outgoing;
  }

  /** Where publishes are reported (metrics). */
  void setEvents(final GossipEvents observer) {
    this.events = observer;
  }

  /** Sends without awaiting the writes; returns the number of recipients. */
  int publish(final String topic, final byte[] data) {
    final GossipMessage message = GossipMessage.unsigned(topic, data);
    final Set<PeerId> recipients = prepare(messageId.apply(message), message);
    recipients.forEach(p -> outgoing.message(p, message));
    outgoing.flush();
    return recipients.size();
  }

  /** Sends and completes once a write succeeded (with the recipients) or all failed (with 0). */
  CompletableFuture<Integer> publishConfirmed(final String topic, final byte[] data) {
    final GossipMessage message = GossipMessage.unsigned(topic, data);
    final MessageId id = messageId.apply(message);
    final Optional<CompletableFuture<Integer>> inFlight = confirmed.inFlight(id);
    if (inFlight.isPresent()) {
      return inFlight.get();
    }
    final Set<PeerId> recipients = prepare(id, message);
    if (recipients.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    outgoing.flush(); // anything queued for these peers goes first, as with publish()
    final ConfirmedPublishes.Publish publish = confirmed.start(id, recipients.size());
    final GossipRpc rpc = new GossipRpc(List.of(), List.of(message), Control.EMPTY);
    for (final PeerId peer : recipients) {
      sender
          .send(peer, rpc)
          .whenComplete((ignored, error) -> onWrite(publish, error == null));
    }
    return publish.result();
  }

  /** Our publish of these bytes still waiting for its first successful write, if any. */
  Optional<CompletableFuture<Integer>> inFlight(final String topic, final byte[] data) {
    return confirmed.inFlight(messageId.apply(GossipMessage.unsigned(topic, data)));
  }

  private void onWrite(final ConfirmedPublishes.Publish publish, final boolean written) {
    synchronized (routerLock) {
      if (publish.writeEnded(written)) {
        // Reached nobody after all: a retry must go out, not be taken for a duplicate.
        seen.remove(publish.id());
      }
    }
  }

  /** Marks our message seen and cached and returns its recipients; nothing if there are none. */
  private Set<PeerId> prepare(final MessageId id, final GossipMessage message) {
    final String topic = message.topic();
    final Set<PeerId> recipients = new LinkedHashSet<>();
    peers.subscribedTo(topic).filter(scoring::publishable).forEach(recipients::add);
    if (recipients.isEmpty()) {
      // Not marked seen: a retry of the same bytes once peers exist must go out, not be a duplicate.
      return recipients;
    }
    seen.add(id);
    mcache.put(id, message);
    events.published(topic);
    meshes.published(topic);
    return recipients;
  }
}

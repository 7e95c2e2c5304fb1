package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Received messages from arrival to verdict: StrictNoSign is checked, duplicates are dropped by the
 * seen cache, the rest wait in the {@link ValidationBacklog} for the validator, and an accepted
 * message is cached, delivered if we joined its topic and forwarded to the topic's mesh. The
 * validator is called under the router's lock and must only start its work; its verdict may arrive
 * later, on any thread, and is then handled under {@code routerLock}.
 */
final class InboundMessages {

  private final Object routerLock;
  private final GossipParams params;
  private final Function<GossipMessage, MessageId> messageId;
  private final GossipValidator validator;
  private final BiConsumer<MessageId, GossipMessage> deliver;
  private final SeenCache seen;
  private final MessageCache mcache;
  private final GossipScoring scoring;
  private final TopicMeshes meshes;
  private final OutgoingRpcs outgoing;
  private final ValidationBacklog backlog;
  private GossipEvents events = GossipEvents.NONE;

  InboundMessages(
      final Object routerLock,
      final GossipParams params,
      final Function<GossipMessage, MessageId> messageId,
      final GossipValidator validator,
      final BiConsumer<MessageId, GossipMessage> deliver,
      final SeenCache seen,
      final MessageCache mcache,
      final GossipScoring scoring,
      final TopicMeshes meshes,
      final OutgoingRpcs outgoing,
      final ValidationBacklog backlog) {
    this.routerLock = routerLock;
    this.params = params;
    this.messageId = messageId;
    this.validator = validator;
    this.deliver = deliver;
    this.seen = seen;
    this.mcache = mcache;
    this.scoring = scoring;
    this.meshes = meshes;
    this.outgoing = outgoing;
    this.backlog = backlog;
  }

  /** Where received messages' outcomes and forwards are reported (metrics). */
  void setEvents(final GossipEvents observer) {
    this.events = observer;
  }

  /** A message received from {@code from}; called under the router's lock. */
  void onMessage(final PeerId from, final GossipMessage message) {
    if (message.violatesStrictNoSign()) {
      scoring.peerScore().invalidMessage(from, message.topic());
      events.received(message.topic(), GossipEvents.Outcome.REJECT);
      return;
    }
    final MessageId id = messageId.apply(message);
    scoring.received(id);
    if (!seen.add(id)) {
      scoring.peerScore().duplicateMessage(from, id, message.topic());
      events.received(message.topic(), GossipEvents.Outcome.DUPLICATE);
      return;
    }
    if (backlog.full()) {
      // Too much unvalidated work queued: drop, and forget the id so a later copy can get in.
      seen.remove(id);
      events.received(message.topic(), GossipEvents.Outcome.DROPPED);
      return;
    }
    backlog.started(message);
    scoring.peerScore().validateMessage(id);
    validateSafely(from, message)
        .toCompletableFuture()
        .copy() // so the timeout never completes the application's own future
        .orTimeout(params.validationTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (result, error) -> {
              if (error == null && result != null) {
                onValidated(from, id, message, result);
              } else {
                onValidationNotRun(id, message);
              }
            });
  }

  /** A validator that throws instead of failing its stage is treated as a failed stage. */
  private CompletionStage<GossipValidator.Result> validateSafely(
      final PeerId from, final GossipMessage message) {
    try {
      return validator.validate(from, message);
    } catch (final RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void onValidated(
      final PeerId from,
      final MessageId id,
      final GossipMessage message,
      final GossipValidator.Result result) {
    synchronized (routerLock) {
      backlog.ended(message);
      recordVerdict(from, id, message.topic(), result);
      events.received(message.topic(), GossipEvents.Outcome.of(result));
      if (result != GossipValidator.Result.ACCEPT) {
        return;
      }
      mcache.put(id, message);
      if (meshes.subscribed(message.topic())) {
        deliver.accept(id, message);
      }
      int forwards = 0;
      for (final PeerId p : meshes.mesh(message.topic())) {
        if (!p.equals(from)) {
          outgoing.message(p, message);
          forwards++;
        }
      }
      if (forwards > 0) {
        events.forwarded(message.topic());
      }
      // When validation completed later, on another thread, nothing else will flush this.
      outgoing.flush();
    }
  }

  /**
   * No verdict: the stage failed, the validator threw or the verdict took too long. Nobody is
   * judged and nothing is forwarded, and the id is forgotten by the seen cache and by scoring, so
   * the next copy (a retransmission, an IWANT answer, another peer's forward) is validated afresh.
   */
  private void onValidationNotRun(final MessageId id, final GossipMessage message) {
    synchronized (routerLock) {
      backlog.ended(message);
      seen.remove(id);
      scoring.peerScore().forgetMessage(id);
      events.received(message.topic(), GossipEvents.Outcome.DROPPED);
    }
  }

  private void recordVerdict(
      final PeerId from,
      final MessageId id,
      final String topic,
      final GossipValidator.Result result) {
    switch (result) {
      case ACCEPT -> scoring.peerScore().deliverMessage(from, id, topic);
      case REJECT -> scoring.peerScore().rejectMessage(from, id, topic);
      case IGNORE -> scoring.peerScore().ignoreMessage(id);
    }
  }
}

package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A validator per topic: a message is judged by the validator of its topic, or by the fallback
 * when its topic has none (a topic joined without one, or one we are not subscribed to: a forward
 * racing our UNSUBSCRIBE). Topics are added and removed by the application while the router
 * validates on connection threads, hence the concurrent map.
 */
public final class TopicValidators implements GossipValidator {

  private final GossipValidator fallback;
  private final Map<String, GossipValidator> byTopic = new ConcurrentHashMap<>();

  public TopicValidators(final GossipValidator fallback) {
    this.fallback = fallback;
  }

  /** From now on, messages on {@code topic} are judged by {@code validator}. */
  public void put(final String topic, final GossipValidator validator) {
    byTopic.put(topic, validator);
  }

  /** From now on, messages on {@code topic} are judged by the fallback. */
  public void remove(final String topic) {
    byTopic.remove(topic);
  }

  /** The validator that judges messages on {@code topic}. */
  public GossipValidator validatorFor(final String topic) {
    return byTopic.getOrDefault(topic, fallback);
  }

  @Override
  public CompletionStage<Result> validate(final PeerId from, final GossipMessage message) {
    return validatorFor(message.topic()).validate(from, message);
  }
}

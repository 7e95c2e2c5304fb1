package io.zkstateless.broadcaster.consume;

import io.zkstateless.broadcaster.gossip.GossipReadiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts the proof listeners (main, retry and DLT containers; all have auto-startup off) once the
 * application is ready, and only if a p2p node exists. Without one, proofs stay in Kafka,
 * uncommitted, and readiness reports "no p2p node".
 */
public final class ListenerStarter {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerStarter.class);

  private final KafkaListenerEndpointRegistry registry;
  private final GossipReadiness gossip;

  public ListenerStarter(
      final KafkaListenerEndpointRegistry registry, final GossipReadiness gossip) {
    this.registry = registry;
    this.gossip = gossip;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void startListeners() {
    if (!gossip.available()) {
      LOG.error(
          "No p2p node (no GossipPublisher): not consuming execution proofs; readiness is DOWN");
      return;
    }
    for (final MessageListenerContainer container : registry.getListenerContainers()) {
      if (container.getListenerId() != null
          && container.getListenerId().startsWith(ListenerIds.PROOFS)) {
        container.start();
      }
    }
  }
}

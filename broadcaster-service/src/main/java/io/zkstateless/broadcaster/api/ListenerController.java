package io.zkstateless.broadcaster.api;

import io.zkstateless.broadcaster.consume.ListenerIds;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: pause and resume consumption (main, retry and DLT containers together). A paused container
 * keeps its partitions and commits nothing new, so a pause loses nothing.
 */
@RestController
@RequestMapping("/api/v1/admin/listener")
public class ListenerController {

  private final KafkaListenerEndpointRegistry registry;

  public ListenerController(final KafkaListenerEndpointRegistry registry) {
    this.registry = registry;
  }

  @GetMapping
  public Map<String, String> state() {
    final Map<String, String> states = new TreeMap<>();
    for (final MessageListenerContainer container : containers()) {
      states.put(
          container.getListenerId(),
          !container.isRunning() ? "stopped" : container.isPauseRequested() ? "paused" : "running");
    }
    return states;
  }

  @PostMapping("/pause")
  public Map<String, String> pause() {
    containers().forEach(MessageListenerContainer::pause);
    return state();
  }

  @PostMapping("/resume")
  public Map<String, String> resume() {
    containers().forEach(MessageListenerContainer::resume);
    return state();
  }

  private Iterable<MessageListenerContainer> containers() {
    return registry.getListenerContainers().stream()
        .filter(c -> c.getListenerId() != null && c.getListenerId().startsWith(ListenerIds.PROOFS))
        .toList();
  }
}

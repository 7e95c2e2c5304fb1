package io.zkstateless.validator.tracking;

import io.zkstateless.validator.chain.ProvenChainEvent;
import java.util.List;

/** Receives what changed in the proven view, after it is durable (Kafka publisher, metrics). */
public interface ProvenChainListener {

  ProvenChainListener NOOP = events -> {};

  void onEvents(List<ProvenChainEvent> events);
}

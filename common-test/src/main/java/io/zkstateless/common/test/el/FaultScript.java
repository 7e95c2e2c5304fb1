package io.zkstateless.common.test.el;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The scripted faults per JSON-RPC method: queued one-shot faults first, then a sticky one. */
final class FaultScript {

  private final Map<String, Deque<Fault>> queued = new ConcurrentHashMap<>();
  private final Map<String, Fault> persistent = new ConcurrentHashMap<>();

  void enqueue(final String method, final Fault... faults) {
    final Deque<Fault> queue = queued.computeIfAbsent(method, m -> new ArrayDeque<>());
    synchronized (queue) {
      queue.addAll(List.of(faults));
    }
  }

  void always(final String method, final Fault fault) {
    persistent.put(method, fault);
  }

  void clear() {
    queued.clear();
    persistent.clear();
  }

  /** The fault for the next call of {@code method}, or {@code null} to answer normally. */
  Fault next(final String method) {
    final Deque<Fault> queue = queued.get(method);
    if (queue != null) {
      synchronized (queue) {
        if (!queue.isEmpty()) {
          return queue.poll();
        }
      }
    }
    return persistent.get(method);
  }
}

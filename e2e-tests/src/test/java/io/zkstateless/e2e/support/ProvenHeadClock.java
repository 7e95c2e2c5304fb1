package io.zkstateless.e2e.support;

import io.zkstateless.validator.chain.ProvenChainEvent;
import io.zkstateless.validator.tracking.ProvenChainListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Records, on {@link System#nanoTime()}, when the validator's proven head first reached each slot
 * and when each block became proven:
 * it wraps the validator's {@link ProvenChainListener}, which the proven view calls once a change
 * is durable. A head that jumps several slots stamps each of them.
 */
public final class ProvenHeadClock
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private final Map<Long, Long> reachedAt = new ConcurrentHashMap<>();
  private final Map<Long, Long> provenAt = new ConcurrentHashMap<>();

  @Override
  public void initialize(final ConfigurableApplicationContext context) {
    context
        .getBeanFactory()
        .addBeanPostProcessor(
            new BeanPostProcessor() {
              @Override
              public Object postProcessAfterInitialization(final Object bean, final String name) {
                return bean instanceof ProvenChainListener listener ? wrap(listener) : bean;
              }
            });
  }

  /** When the proven head reached {@code slot}, or null if it has not. */
  public Long reachedAt(final long slot) {
    return reachedAt.get(slot);
  }

  /** When the block at {@code slot} became proven (enough proof types), or null. */
  public Long provenAt(final long slot) {
    return provenAt.get(slot);
  }

  private ProvenChainListener wrap(final ProvenChainListener delegate) {
    return events -> {
      final long now = System.nanoTime();
      stamp(events, now);
      delegate.onEvents(events);
    };
  }

  private void stamp(final List<ProvenChainEvent> events, final long now) {
    for (final ProvenChainEvent event : events) {
      if (event instanceof ProvenChainEvent.BlockProven proven) {
        provenAt.putIfAbsent(proven.slot(), now);
      }
      if (event instanceof ProvenChainEvent.ProvenHeadMoved moved) {
        for (long slot = moved.fromSlot() + 1; slot <= moved.toSlot(); slot++) {
          reachedAt.putIfAbsent(slot, now);
        }
      }
    }
  }
}

package io.zkstateless.prover.proving.ere;

import io.zkstateless.prover.proving.WorkerPool;
import io.zkstateless.prover.proving.WorkerPools;
import io.zkstateless.prover.proving.WorkerSlot;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Wires what the {@code ere} workers add to the application: the {@code ereServers} health
 * indicator, and one {@code ProgramVk} probe of every server at startup, which logs the program
 * each serves (and refuses jobs to a server serving an unexpected one). A server that is down at
 * startup is not fatal: it may still be loading its proving key, and the breaker handles it.
 */
@Configuration(proxyBeanMethods = false)
class EreConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(EreConfiguration.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final List<EreZkvmWorker> workers;

  EreConfiguration(final WorkerPools pools) {
    this.workers =
        pools.pools().stream()
            .map(WorkerPool::slots)
            .flatMap(List::stream)
            .map(WorkerSlot::worker)
            .filter(EreZkvmWorker.class::isInstance)
            .map(EreZkvmWorker.class::cast)
            .toList();
  }

  @Bean
  EreServersHealthIndicator ereServersHealthIndicator() {
    return new EreServersHealthIndicator(workers, PROBE_TIMEOUT);
  }

  @EventListener(ApplicationReadyEvent.class)
  void probeAtStartup() {
    workers.forEach(
        worker ->
            worker
                .probe(PROBE_TIMEOUT)
                .thenAccept(
                    status -> {
                      if (status.usable()) {
                        LOG.info(
                            "{} at {} serves program vk sha256 {}",
                            worker.id(),
                            worker.client().base(),
                            status.programVkSha256().orElse("?"));
                      } else {
                        LOG.warn(
                            "{} at {} is not usable yet: {}",
                            worker.id(),
                            worker.client().base(),
                            status.problem().orElse("?"));
                      }
                    }));
  }
}

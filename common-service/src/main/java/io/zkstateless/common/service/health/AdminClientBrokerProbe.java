package io.zkstateless.common.service.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Describes the cluster with one long-lived admin client (created on first use), so a probe costs
 * one metadata round trip rather than a new connection.
 */
public class AdminClientBrokerProbe implements BrokerProbe, AutoCloseable {

  private final Map<String, Object> config;
  private AdminClient client;

  public AdminClientBrokerProbe(final Map<String, Object> adminConfig, final Duration timeout) {
    final Map<String, Object> bounded = new HashMap<>(adminConfig);
    final int millis = (int) timeout.toMillis();
    bounded.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    bounded.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    bounded.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-health");
    this.config = Map.copyOf(bounded);
  }

  @Override
  public synchronized int brokers(final Duration timeout) throws Exception {
    if (client == null) {
      client = AdminClient.create(config);
    }
    return client.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
        .nodes()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .size();
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close(Duration.ofSeconds(1));
      client = null;
    }
  }
}

package io.zkstateless.broadcaster.retry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the retry-topic lag for {@link RetryMetrics}: committed offsets of our consumer groups
 * on {@code <proofs-topic>-retry-N} partitions against their end offsets. A failed measurement
 * keeps the last value and logs at debug; metrics must never break the service.
 */
public final class RetryQueueProbe {

  private static final Logger LOG = LoggerFactory.getLogger(RetryQueueProbe.class);

  private final Admin admin;
  private final String groupPrefix;
  private final String retryTopicPrefix;
  private final Duration timeout;
  private final RetryMetrics metrics;

  public RetryQueueProbe(
      final Admin admin,
      final String groupPrefix,
      final String retryTopicPrefix,
      final Duration timeout,
      final RetryMetrics metrics) {
    this.admin = admin;
    this.groupPrefix = groupPrefix;
    this.retryTopicPrefix = retryTopicPrefix;
    this.timeout = timeout;
    this.metrics = metrics;
  }

  public void measure() {
    try {
      metrics.measured(lag());
    } catch (final Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.debug("Retry queue not measured: {}", e.toString());
    }
  }

  long lag() throws Exception {
    final Map<TopicPartition, Long> committed = new HashMap<>();
    for (final ConsumerGroupListing group :
        admin.listConsumerGroups().all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      if (!group.groupId().startsWith(groupPrefix)) {
        continue;
      }
      final Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group.groupId())
              .partitionsToOffsetAndMetadata()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null && partition.topic().startsWith(retryTopicPrefix)) {
              committed.merge(partition, offset.offset(), Math::max);
            }
          });
    }
    final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (final String topic :
        admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      if (topic.startsWith(retryTopicPrefix)) {
        admin
            .describeTopics(java.util.List.of(topic))
            .allTopicNames()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .get(topic)
            .partitions()
            .forEach(
                p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      }
    }
    if (latest.isEmpty()) {
      return 0;
    }
    final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    long lag = 0;
    for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
        ends.entrySet()) {
      lag += Math.max(0, end.getValue().offset() - committed.getOrDefault(end.getKey(), 0L));
    }
    return lag;
  }
}

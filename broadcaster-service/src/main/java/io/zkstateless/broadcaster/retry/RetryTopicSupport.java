package io.zkstateless.broadcaster.retry;

import io.zkstateless.broadcaster.consume.CommitLedger;
import io.zkstateless.broadcaster.publish.PublishMetrics;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Spring Kafka's retry-topic infrastructure, adapted to the {@link CommitLedger}'s commit rule:
 *
 * <ul>
 *   <li>Records whose value did not decode are counted as {@code undecodable} when they are sent to
 *       the DLT.
 *   <li>The dead-letter publishing recoverer waits for the broker to acknowledge the forwarded
 *       record (and throws if it does not, so the record is redelivered); then, before the error
 *       handler acknowledges the failed record's offset, the partition must settle: every earlier
 *       record's result must be acknowledged, else that offset would jump their gap. If it does not
 *       settle in time the recovery counts as failed and the record is delivered again (a second
 *       copy in the retry topic is harmless; a skipped result is not).
 *   <li>On revocation (also at shutdown) each partition gets a moment to settle before the
 *       container commits, so a graceful stop redelivers nothing; what is still in flight after
 *       that is forgotten and redelivered to the next owner.
 *   <li>Offsets are committed asynchronously: the consumer thread does not wait for the commit
 *       round trip before the next poll. A lost commit only means a redelivery.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class RetryTopicSupport extends RetryTopicConfigurationSupport {

  private static final Logger LOG = LoggerFactory.getLogger(RetryTopicSupport.class);

  /** Bounds the consumer thread's wait (see max-poll-records in application.yaml). */
  private static final Duration SETTLE_BEFORE_RECOVERY = Duration.ofSeconds(30);

  /** Inside the 15 s shutdown phase. */
  private static final Duration SETTLE_ON_REVOKE = Duration.ofSeconds(5);

  /** Providers: this configuration is created early, before these beans. */
  private final ObjectProvider<PublishMetrics> metrics;

  private final ObjectProvider<CommitLedger> ledger;

  RetryTopicSupport(
      final ObjectProvider<PublishMetrics> metrics, final ObjectProvider<CommitLedger> ledger) {
    this.metrics = metrics;
    this.ledger = ledger;
  }

  @Override
  protected void configureCustomizers(final CustomizersConfigurer customizers) {
    customizers.customizeErrorHandler(
        handler ->
            handler.setRetryListeners(
                new RetryListener() {
                  @Override
                  public void failedDelivery(
                      final ConsumerRecord<?, ?> record,
                      final Exception ex,
                      final int deliveryAttempt) {
                    // Counted on recovery, once per record.
                  }

                  @Override
                  public void recovered(final ConsumerRecord<?, ?> record, final Exception ex) {
                    settleBeforeRecoveredCommit(record);
                    if (causedBy(ex, DeserializationException.class)
                        && !record.topic().endsWith("-dlt")) {
                      metrics.getObject().undecodable();
                    }
                  }
                }));
    customizers.customizeListenerContainer(
        container -> {
          container.getContainerProperties().setSyncCommits(false);
          container.getContainerProperties().setConsumerRebalanceListener(new SettleOnRevoke());
        });
  }

  /**
   * Runs on the consumer thread after the record was forwarded and before the error handler
   * acknowledges its offset. Throwing makes the recovery fail, so the record is sought again.
   */
  private void settleBeforeRecoveredCommit(final ConsumerRecord<?, ?> record) {
    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    try {
      if (ledger.getObject().awaitSettled(partition, SETTLE_BEFORE_RECOVERY)) {
        return;
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        "earlier results on " + partition + " not acknowledged; delivering it again");
  }

  /** Gives each revoked partition a moment to settle before the container commits. */
  private final class SettleOnRevoke implements ConsumerAwareRebalanceListener {

    @Override
    public void onPartitionsRevokedBeforeCommit(
        final Consumer<?, ?> consumer, final Collection<TopicPartition> partitions) {
      final CommitLedger commits = ledger.getObject();
      try {
        for (final TopicPartition partition : partitions) {
          if (!commits.awaitSettled(partition, SETTLE_ON_REVOKE)) {
            LOG.warn("Results on {} still in flight at revocation; they will be redone", partition);
          }
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      commits.forget(partitions);
    }
  }

  private static boolean causedBy(final Throwable error, final Class<? extends Throwable> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}

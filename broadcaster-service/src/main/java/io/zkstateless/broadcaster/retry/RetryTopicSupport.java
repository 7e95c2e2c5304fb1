package io.zkstateless.broadcaster.retry;

import io.zkstateless.broadcaster.publish.PublishMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Spring Kafka's retry-topic infrastructure, with one addition: records whose value did not decode
 * are counted as {@code undecodable} when they are sent to the DLT.
 *
 * <p>Durability: the dead-letter publishing recoverer waits for the broker to acknowledge the
 * forwarded record (and throws if it does not, so the record is redelivered), and the error handler
 * commits the failed record's offset only after the recoverer returned. A record is therefore
 * always either uncommitted on its topic or acknowledged on the next one.
 */
@Configuration(proxyBeanMethods = false)
class RetryTopicSupport extends RetryTopicConfigurationSupport {

  /** A provider: this configuration is created early, before the metrics bean. */
  private final ObjectProvider<PublishMetrics> metrics;

  RetryTopicSupport(final ObjectProvider<PublishMetrics> metrics) {
    this.metrics = metrics;
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
                    if (causedBy(ex, DeserializationException.class)
                        && !record.topic().endsWith("-dlt")) {
                      metrics.getObject().undecodable();
                    }
                  }
                }));
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

package io.zkstateless.broadcaster.consume;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.Acknowledgment;

/**
 * The commit rule of the proof listeners: a record's offset is acknowledged to its container (which
 * then commits it) only once the record's outcome is durable in Kafka <em>and</em> so is the
 * outcome of every earlier record of its partition that this process handled.
 *
 * <p>The listener publishes a proof, sends its {@code broadcast-results} record without waiting and
 * {@link #admit admits} the record here; when Kafka acknowledges the result it marks the record
 * {@link #durable}, and the ledger acknowledges the contiguous durable prefix of the partition, in
 * offset order. A result still in flight is a gap that holds back the commit of everything after
 * it, so a crash can only make the next consumer publish again (the validator and gossip
 * deduplicate), never skip a proof.
 *
 * <p>Offsets the error handler commits by itself (a record forwarded to a retry topic or the DLT)
 * would jump such a gap, so before that commit the retry support waits for the partition to {@link
 * #awaitSettled settle}. The number of records in flight is bounded ({@link #awaitRoom}).
 */
public final class CommitLedger {

  private final int capacity;
  private final Map<TopicPartition, ArrayDeque<Entry>> byPartition = new HashMap<>();
  private int inFlight;

  /**
   * @param capacity the most records whose outcome may be in flight at once
   */
  public CommitLedger(final int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
  }

  /** One admitted record. */
  public final class Entry {
    private final TopicPartition partition;
    private final long offset;
    private final Acknowledgment ack;
    private boolean durable;
    private boolean forgotten;

    private Entry(final TopicPartition partition, final long offset, final Acknowledgment ack) {
      this.partition = partition;
      this.offset = offset;
      this.ack = ack;
    }

    /**
     * True once the partition was revoked (or the record delivered again) before the outcome was
     * durable: nobody will commit this offset any more, so resending its outcome is pointless.
     */
    public boolean abandoned() {
      synchronized (CommitLedger.this) {
        return forgotten;
      }
    }

    public long offset() {
      return offset;
    }
  }

  /**
   * Waits until fewer than {@code capacity} records are in flight.
   *
   * @return false if there was still no room after {@code timeout}
   */
  public synchronized boolean awaitRoom(final Duration timeout) throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight >= capacity) {
      final long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Admits a record whose outcome is on its way to Kafka. A record delivered again at or below an
   * offset still in flight (after a seek) replaces those entries: they will be delivered again.
   */
  public synchronized Entry admit(final ConsumerRecord<?, ?> record, final Acknowledgment ack) {
    final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    final ArrayDeque<Entry> entries =
        byPartition.computeIfAbsent(partition, p -> new ArrayDeque<>());
    while (!entries.isEmpty() && entries.peekLast().offset >= record.offset()) {
      forget(entries.pollLast());
    }
    final Entry entry = new Entry(partition, record.offset(), ack);
    entries.addLast(entry);
    inFlight++;
    return entry;
  }

  /**
   * The record's outcome is durable: acknowledges every record of the partition up to the first
   * that is still in flight, in offset order.
   */
  public synchronized void durable(final Entry entry) {
    if (entry.forgotten) {
      return;
    }
    entry.durable = true;
    final ArrayDeque<Entry> entries = byPartition.get(entry.partition);
    while (!entries.isEmpty() && entries.peekFirst().durable) {
      final Entry done = entries.pollFirst();
      inFlight--;
      // Under the lock, so the container receives the acknowledgements in offset order.
      done.ack.acknowledge();
    }
    if (entries.isEmpty()) {
      byPartition.remove(entry.partition);
    }
    notifyAll();
  }

  /**
   * Waits until no record of the partition is in flight, i.e. every admitted record is
   * acknowledged.
   *
   * @return false if some were still in flight after {@code timeout}
   */
  public synchronized boolean awaitSettled(final TopicPartition partition, final Duration timeout)
      throws InterruptedException {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (byPartition.containsKey(partition)) {
      final long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Drops the partitions' records in flight (revoked): their offsets will not be committed here.
   */
  public synchronized void forget(final Collection<TopicPartition> partitions) {
    for (final TopicPartition partition : partitions) {
      final ArrayDeque<Entry> entries = byPartition.remove(partition);
      if (entries != null) {
        entries.forEach(this::forget);
      }
    }
    notifyAll();
  }

  /** Records whose outcome is not yet durable (or is durable behind one that is not). */
  public synchronized int inFlight() {
    return inFlight;
  }

  private void forget(final Entry entry) {
    entry.forgotten = true;
    inFlight--;
  }
}

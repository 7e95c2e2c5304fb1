package io.zkstateless.broadcaster.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

class CommitLedgerTest {

  private static final TopicPartition P0 = new TopicPartition("execution-proofs", 0);
  private static final TopicPartition P1 = new TopicPartition("execution-proofs", 1);

  /** Acknowledgements in the order the container would receive them, as "partition@offset". */
  private final List<String> acked = Collections.synchronizedList(new ArrayList<>());

  private final CommitLedger ledger = new CommitLedger(100);

  @Property(tries = 200)
  void whateverOrderResultsArriveInOffsetsAreAcknowledgedInOrderAndOnlyBehindDurableOnes(
      @ForAll @Size(min = 1, max = 30) final List<@IntRange(min = 0, max = 1000) Integer> keys) {
    final CommitLedger fresh = new CommitLedger(100);
    final List<String> order = Collections.synchronizedList(new ArrayList<>());
    final List<CommitLedger.Entry> entries = new ArrayList<>();
    for (int offset = 0; offset < keys.size(); offset++) {
      entries.add(fresh.admit(record(P0, offset), ackInto(order, P0, offset)));
    }
    // Results become durable in the order of their (random) keys.
    final List<Integer> completion = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      completion.add(i);
    }
    completion.sort((a, b) -> Integer.compare(keys.get(a), keys.get(b)));
    final boolean[] durable = new boolean[keys.size()];
    for (final int offset : completion) {
      durable[offset] = true;
      fresh.durable(entries.get(offset));
      int prefix = 0;
      while (prefix < durable.length && durable[prefix]) {
        prefix++;
      }
      assertThat(order).hasSize(prefix);
    }
    final List<String> expected = new ArrayList<>();
    for (int offset = 0; offset < keys.size(); offset++) {
      expected.add(P0 + "@" + offset);
    }
    assertThat(order).containsExactlyElementsOf(expected);
    assertThat(fresh.inFlight()).isZero();
  }

  @Test
  void aGapHoldsBackItsPartitionOnly() throws Exception {
    final CommitLedger.Entry gap = ledger.admit(record(P0, 10), ack(P0, 10));
    final CommitLedger.Entry after = ledger.admit(record(P0, 11), ack(P0, 11));
    final CommitLedger.Entry other = ledger.admit(record(P1, 3), ack(P1, 3));
    ledger.durable(after);
    ledger.durable(other);
    assertThat(acked).containsExactly(P1 + "@3");
    assertThat(ledger.awaitSettled(P0, Duration.ofMillis(20))).isFalse();
    assertThat(ledger.awaitSettled(P1, Duration.ZERO)).isTrue();
    ledger.durable(gap);
    assertThat(acked).containsExactly(P1 + "@3", P0 + "@10", P0 + "@11");
    assertThat(ledger.awaitSettled(P0, Duration.ZERO)).isTrue();
  }

  @Test
  void awaitSettledReturnsWhenAnotherThreadMakesTheGapDurable() throws Exception {
    final CommitLedger.Entry gap = ledger.admit(record(P0, 0), ack(P0, 0));
    final Thread producer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    Thread.sleep(50);
                  } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  ledger.durable(gap);
                });
    assertThat(ledger.awaitSettled(P0, Duration.ofSeconds(10))).isTrue();
    assertThat(acked).containsExactly(P0 + "@0");
    producer.join();
  }

  @Test
  void forgottenRecordsAreNeverAcknowledgedAndReportAbandoned() {
    final CommitLedger.Entry first = ledger.admit(record(P0, 0), ack(P0, 0));
    final CommitLedger.Entry second = ledger.admit(record(P0, 1), ack(P0, 1));
    ledger.forget(Set.of(P0));
    assertThat(first.abandoned()).isTrue();
    assertThat(ledger.inFlight()).isZero();
    ledger.durable(second);
    ledger.durable(first);
    assertThat(acked).isEmpty();
  }

  @Test
  void aRecordDeliveredAgainReplacesTheEntriesFromItsOffsetOn() {
    final CommitLedger.Entry zero = ledger.admit(record(P0, 0), ack(P0, 0));
    final CommitLedger.Entry one = ledger.admit(record(P0, 1), ack(P0, 1));
    final CommitLedger.Entry oneAgain = ledger.admit(record(P0, 1), ack(P0, 1));
    assertThat(one.abandoned()).isTrue();
    assertThat(ledger.inFlight()).isEqualTo(2);
    ledger.durable(one);
    ledger.durable(zero);
    assertThat(acked).containsExactly(P0 + "@0");
    ledger.durable(oneAgain);
    assertThat(acked).containsExactly(P0 + "@0", P0 + "@1");
  }

  @Test
  void roomIsBoundedByTheCapacity() throws Exception {
    final CommitLedger small = new CommitLedger(2);
    final CommitLedger.Entry first = small.admit(record(P0, 0), ack(P0, 0));
    small.admit(record(P0, 1), ack(P0, 1));
    assertThat(small.awaitRoom(Duration.ofMillis(20))).isFalse();
    small.durable(first);
    assertThat(small.awaitRoom(Duration.ZERO)).isTrue();
  }

  private Acknowledgment ack(final TopicPartition partition, final long offset) {
    return ackInto(acked, partition, offset);
  }

  private static Acknowledgment ackInto(
      final List<String> into, final TopicPartition partition, final long offset) {
    return () -> into.add(partition + "@" + offset);
  }

  private static ConsumerRecord<String, String> record(
      final TopicPartition partition, final long offset) {
    return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "k", "v");
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatusScheduleTest {

  private static final PeerId PEER =
      PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final StatusSchedule schedule =
      new StatusSchedule(Duration.ofMinutes(5), Duration.ofSeconds(15), now::get);

  @Test
  void aStatusFallsDueOneIntervalAfterTheLastExchange() {
    assertThat(schedule.due(PEER)).as("never exchanged").isTrue();
    schedule.exchanged(PEER);
    now.set(Instant.EPOCH.plusSeconds(299));
    assertThat(schedule.due(PEER)).isFalse();
    now.set(Instant.EPOCH.plusSeconds(300));
    assertThat(schedule.due(PEER)).isTrue();
  }

  @Test
  void aPeerThatDialledUsHasTheGracePeriodToSendItsStatusFirst() {
    schedule.inboundConnected(PEER);
    now.set(Instant.EPOCH.plusSeconds(14));
    assertThat(schedule.due(PEER)).isFalse();
    now.set(Instant.EPOCH.plusSeconds(15));
    assertThat(schedule.due(PEER)).isTrue();
  }

  @Test
  void aStatusReceivedDuringTheGraceResetsTheClock() {
    schedule.inboundConnected(PEER);
    now.set(Instant.EPOCH.plusSeconds(10));
    schedule.exchanged(PEER);
    now.set(Instant.EPOCH.plusSeconds(300));
    assertThat(schedule.due(PEER)).isFalse();
    schedule.forget(PEER);
    assertThat(schedule.due(PEER)).isTrue();
  }

  @Test
  void rejectsAGraceLongerThanTheInterval() {
    assertThatThrownBy(() -> new StatusSchedule(Duration.ofSeconds(5), Duration.ofSeconds(6), now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

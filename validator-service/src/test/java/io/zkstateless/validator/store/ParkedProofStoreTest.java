package io.zkstateless.validator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The {@code parked_proof} table on a real PostgreSQL, migrated by Flyway as the service does. */
class ParkedProofStoreTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private final ProvenViewFixture db = new ProvenViewFixture();
  private final ParkedProofStore store = new ParkedProofStore(db.jdbc);

  @AfterEach
  void close() {
    db.close();
  }

  private static ParkedProof proof(final int n, final int size, final Instant receivedAt) {
    final byte[] data = new byte[size];
    data[0] = (byte) n;
    return new ParkedProof(0, Bytes32.fromHex("0x" + "e".repeat(62) + String.format("%02x", n)), 7, 1,
        4_000_000_000L + n, data, "gossip", "peer-" + n, receivedAt);
  }

  @Test
  void aSavedProofReadsBackUnchanged() {
    final ParkedProof saved = proof(1, 300 * 1024, T0);
    final long id = store.save(saved, 10, 1 << 20).orElseThrow();

    final ParkedProof read = store.newest(10, 1L << 30).getFirst();
    assertThat(read.id()).isEqualTo(id);
    assertThat(read.blockHash()).isEqualTo(saved.blockHash());
    assertThat(read).extracting(ParkedProof::subnetId, ParkedProof::version, ParkedProof::proofTimestamp,
            ParkedProof::sourceKind, ParkedProof::sourceId, ParkedProof::receivedAt)
        .containsExactly(7, 1L, 4_000_000_001L, "gossip", "peer-1", T0);
    assertThat(read.proofData()).isEqualTo(saved.proofData());
    assertThat(store.bytes()).isEqualTo(300 * 1024);
  }

  @Test
  void theTableRefusesRowsBeyondItsCountOrBytes() {
    assertThat(store.save(proof(1, 100, T0), 2, 1000)).isPresent();
    assertThat(store.save(proof(2, 100, T0), 2, 1000)).isPresent();
    assertThat(store.save(proof(3, 100, T0), 2, 1000)).as("count bound").isEqualTo(OptionalLong.empty());
    assertThat(store.save(proof(3, 801, T0), 3, 1000)).as("bytes bound").isEmpty();
    assertThat(store.save(proof(3, 800, T0), 3, 1000)).as("exactly at the bytes bound").isPresent();
    assertThat(store.count()).isEqualTo(3);
    assertThat(store.bytes()).isEqualTo(1000);
  }

  @Test
  void rowsAreDeletedByIdByAgeAndBelowTheNewest() {
    final long a = store.save(proof(1, 10, T0), 10, 1000).orElseThrow();
    final long b = store.save(proof(2, 10, T0.plusSeconds(10)), 10, 1000).orElseThrow();
    final long c = store.save(proof(3, 10, T0.plusSeconds(20)), 10, 1000).orElseThrow();
    final long d = store.save(proof(4, 10, T0.plusSeconds(30)), 10, 1000).orElseThrow();

    assertThat(store.newest(2, 1L << 30)).extracting(ParkedProof::id).containsExactly(c, d);
    assertThat(store.newest(10, 29)).as("bounded in bytes, newest first").extracting(ParkedProof::id)
        .containsExactly(c, d);
    assertThat(store.newest(10, 9)).isEmpty();
    assertThat(store.deleteReceivedBefore(T0.plusSeconds(10))).isEqualTo(1);
    assertThat(store.deleteOlderThan(c)).isEqualTo(1);
    assertThat(store.delete(List.of(d, 12345L))).isEqualTo(1);
    assertThat(store.delete(List.of())).isZero();
    assertThat(store.newest(10, 1L << 30)).extracting(ParkedProof::id).containsExactly(c);
    assertThat(a).isLessThan(b);
  }

  @Test
  void theSchemaRefusesWhatNoProofCanBe() {
    final ParkedProof badSubnet = new ParkedProof(0, Bytes32.ZERO, 64, 1, 0, new byte[] {1}, "gossip", "p", T0);
    assertThatThrownBy(() -> store.save(badSubnet, 10, 1000)).isInstanceOf(DataIntegrityViolationException.class);
    final ParkedProof badVersion =
        new ParkedProof(0, Bytes32.ZERO, 1, 1L << 32, 0, new byte[] {1}, "gossip", "p", T0);
    assertThatThrownBy(() -> store.save(badVersion, 10, 1000)).isInstanceOf(DataIntegrityViolationException.class);
    assertThat(store.count()).isZero();
  }
}

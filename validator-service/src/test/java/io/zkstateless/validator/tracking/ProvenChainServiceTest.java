package io.zkstateless.validator.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.chain.ProvenChainEvent;
import io.zkstateless.validator.store.BlockStore;
import io.zkstateless.validator.store.CheckpointStore;
import io.zkstateless.validator.store.ProofStore;
import io.zkstateless.validator.store.StoredProof;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The proven view against a real PostgreSQL: durability, idempotency, restart, pruning. */
class ProvenChainServiceTest {

  private static final int MOCK = 7;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private final List<ProvenChainEvent> published = new ArrayList<>();
  private ProvenViewFixture db;
  private JdbcClient jdbc;

  @BeforeEach
  void freshDatabase() {
    db = new ProvenViewFixture();
    jdbc = db.jdbc;
  }

  private ProvenChainService service() {
    return db.service(published::addAll, clock);
  }

  private static Bytes32 id(final String prefix, final int n) {
    final byte[] bytes = new byte[32];
    bytes[0] = (byte) prefix.charAt(0);
    bytes[31] = (byte) n;
    return Bytes32.wrap(bytes);
  }

  private static BeaconBlock block(final int n) {
    return new BeaconBlock(id("r", n), n, n == 0 ? Bytes32.ZERO : id("r", n - 1), id("e", n), 1000 + n, Instant.EPOCH);
  }

  private StoredProof proof(final int n) {
    return new StoredProof(id("e", n), MOCK, 1, 1_700_000_000L, new byte[] {1, 2, 3}, "kafka", clock.instant());
  }

  @Test
  void restartRebuildsTheSameViewFromTheStore() throws Exception {
    final ProvenChainService first = service();
    assertThat(first.restore()).isFalse();
    first.anchor(block(0));
    for (int n = 1; n <= 6; n++) {
      first.recordBlock(block(n));
      first.updateHead(id("r", n));
    }
    for (int n = 1; n <= 4; n++) {
      first.recordValidProof(proof(n));
    }
    assertThat(first.heads().orElseThrow().provenHead().slot()).isEqualTo(4);

    final ProvenChainService restarted = service();
    assertThat(restarted.restore()).isTrue();

    assertThat(restarted.heads()).isEqualTo(first.heads());
    assertThat(restarted.heads().orElseThrow().optimisticHead().slot()).isEqualTo(6);
    assertThat(restarted.heads().orElseThrow().provenHead().slot()).isEqualTo(4);
  }

  @Test
  void aReplayedProofIsStoredOnceAndCountedOnce() throws Exception {
    final ProvenChainService service = service();
    service.anchor(block(0));
    service.recordBlock(block(1));
    service.updateHead(id("r", 1));

    assertThat(service.recordValidProof(proof(1))).isEqualTo(ProofOutcome.STORED);
    assertThat(service.recordValidProof(proof(1))).isEqualTo(ProofOutcome.DUPLICATE);

    assertThat(new ProofStore(jdbc).count()).isEqualTo(1);
    assertThat(published).filteredOn(ProvenChainEvent.BlockProven.class::isInstance).hasSize(1);
  }

  @Test
  void aProofStoredBeforeItsBlockCountsWhenTheBlockIsRecorded() throws Exception {
    final ProvenChainService service = service();
    service.anchor(block(0));
    service.recordValidProof(proof(1));
    service.recordBlock(block(1));
    service.updateHead(id("r", 1));
    assertThat(service.heads().orElseThrow().provenHead().slot()).isEqualTo(1);
  }

  @Test
  void finalizationPrunesTheStoreButKeepsTheFinalizedBlock() throws Exception {
    final ProvenChainService service = service();
    service.anchor(block(0));
    for (int n = 1; n <= 4; n++) {
      service.recordBlock(block(n));
      service.updateHead(id("r", n));
      service.recordValidProof(proof(n));
    }
    service.updateFinalized(id("r", 3));

    assertThat(new BlockStore(jdbc).fromSlot(0)).extracting(BeaconBlock::slot).containsExactly(3L, 4L);
    assertThat(new CheckpointStore(jdbc).root(CheckpointStore.Name.FINALIZED)).contains(id("r", 3));
    final ProvenChainService restarted = service();
    restarted.restore();
    assertThat(restarted.heads().orElseThrow().finalized().slot()).isEqualTo(3);
    assertThat(restarted.heads().orElseThrow().provenHead().slot()).isEqualTo(4);
  }
}

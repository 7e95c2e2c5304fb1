package io.zkstateless.validator.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvenChainTrackerTest {

  private static final int MOCK = 7;
  private static final int WITNESS = 0;

  private final TestChain chain = new TestChain();
  private ProvenChainTracker tracker;

  @BeforeEach
  void startAtFinalizedAnchor() {
    tracker = new ProvenChainTracker(chain.genesis("f", 0), 1, 64, 10_000);
  }

  /** Adds a linear run of blocks a1..aN on top of {@code parent} and makes the last one head. */
  private void extend(final String prefix, final String parent, final long fromSlot, final int count)
      throws UnknownAncestorException {
    String previous = parent;
    for (int i = 1; i <= count; i++) {
      final String name = prefix + i;
      tracker.onBlock(chain.child(name, previous, fromSlot + i - 1));
      previous = name;
    }
    tracker.onHead(chain.get(previous).root());
  }

  private List<ProvenChainEvent> prove(final String name, final int proofType) {
    return tracker.onValidProof(chain.get(name).executionBlockHash(), proofType);
  }

  private String provenHead() {
    return name(tracker.heads().provenHead());
  }

  private String name(final BeaconBlock block) {
    return new String(block.root().toArray(), 5, 27).trim().replace("\0", "");
  }

  @Test
  void provenHeadFollowsContiguousProofsAndLatestProvenSkipsGaps() throws Exception {
    extend("a", "f", 1, 5);
    prove("a1", MOCK);
    prove("a2", MOCK);
    assertThat(provenHead()).isEqualTo("a2");
    prove("a5", MOCK);
    assertThat(provenHead()).isEqualTo("a2");
    assertThat(name(tracker.heads().latestProven())).isEqualTo("a5");
    assertThat(tracker.heads().gapSlots()).isEqualTo(3);

    prove("a3", MOCK);
    final List<ProvenChainEvent> events = prove("a4", MOCK);
    assertThat(provenHead()).isEqualTo("a5");
    assertThat(tracker.heads().gapSlots()).isZero();
    assertThat(events)
        .containsExactly(
            new ProvenChainEvent.BlockProven(chain.get("a4").root(), 4, chain.get("a4").executionBlockHash(), 1),
            new ProvenChainEvent.ProvenHeadMoved(chain.get("a3").root(), 3, chain.get("a5").root(), 5));
  }

  @Test
  void proofBeforeBlockCountsWhenTheBlockArrives() throws Exception {
    tracker.onValidProof(TestChain.id("exec", "a1"), MOCK);
    extend("a", "f", 1, 1);
    assertThat(provenHead()).isEqualTo("a1");
  }

  @Test
  void duplicateProofTypesDoNotCountTowardsTheMinimum() throws Exception {
    tracker = new ProvenChainTracker(chain.get("f"), 2, 64, 10_000);
    extend("a", "f", 1, 1);
    prove("a1", MOCK);
    assertThat(prove("a1", MOCK)).isEmpty();
    assertThat(provenHead()).isEqualTo("f");
    prove("a1", WITNESS);
    assertThat(provenHead()).isEqualTo("a1");
  }

  @Test
  void reorgOfDepthOneOntoAnAlreadyProvenBranchMovesTheProvenHeadWithoutNewProofs()
      throws Exception {
    extend("a", "f", 1, 3);
    tracker.onBlock(chain.child("b3", "a2", 3));
    prove("a1", MOCK);
    prove("a2", MOCK);
    prove("b3", MOCK);
    assertThat(provenHead()).isEqualTo("a2");

    final List<ProvenChainEvent> events = tracker.onHead(chain.get("b3").root());

    assertThat(provenHead()).isEqualTo("b3");
    assertThat(events)
        .contains(
            new ProvenChainEvent.Reorg(chain.get("a3").root(), chain.get("b3").root(), chain.get("a2").root(), 1));
    assertThat(tracker.isCanonical(chain.get("a3").root())).isFalse();
  }

  @Test
  void reorgOfDepthFiveRecomputesFromTheCommonAncestor() throws Exception {
    extend("a", "f", 1, 6);
    for (int i = 1; i <= 6; i++) {
      prove("a" + i, MOCK);
    }
    assertThat(provenHead()).isEqualTo("a6");
    String previous = "a1";
    for (int i = 2; i <= 7; i++) {
      tracker.onBlock(chain.child("b" + i, previous, i));
      previous = "b" + i;
      if (i <= 5) {
        prove("b" + i, MOCK);
      }
    }

    final List<ProvenChainEvent> events = tracker.onHead(chain.get("b7").root());

    assertThat(events.getFirst())
        .isEqualTo(new ProvenChainEvent.Reorg(chain.get("a6").root(), chain.get("b7").root(), chain.get("a1").root(), 5));
    assertThat(provenHead()).isEqualTo("b5");
    assertThat(name(tracker.heads().optimisticHead())).isEqualTo("b7");
    prove("b6", MOCK);
    assertThat(provenHead()).isEqualTo("b6");
  }

  @Test
  void headMovingBackToAnAncestorIsAReorg() throws Exception {
    extend("a", "f", 1, 3);
    prove("a1", MOCK);
    prove("a2", MOCK);
    prove("a3", MOCK);
    final List<ProvenChainEvent> events = tracker.onHead(chain.get("a1").root());
    assertThat(events).contains(new ProvenChainEvent.Reorg(chain.get("a3").root(), chain.get("a1").root(), chain.get("a1").root(), 2));
    assertThat(provenHead()).isEqualTo("a1");
  }

  @Test
  void finalizationPrunesOldBlocksAndSideBranchesAndAnchorsTheProvenChain() throws Exception {
    extend("a", "f", 1, 5);
    tracker.onBlock(chain.child("b2", "a1", 2));
    prove("a4", MOCK);
    prove("a5", MOCK);
    assertThat(provenHead()).isEqualTo("f");

    final List<ProvenChainEvent> events = tracker.onFinalized(chain.get("a3").root());

    // a3 is final by consensus, so the proven chain restarts there and a4, a5 are contiguous.
    assertThat(provenHead()).isEqualTo("a5");
    assertThat(events.getFirst()).isEqualTo(new ProvenChainEvent.Finalized(chain.get("a3").root(), 3, 4));
    assertThat(tracker.trackedBlocks()).isEqualTo(3);
    assertThat(tracker.knows(chain.get("b2").root())).isFalse();
    assertThat(name(tracker.heads().finalized())).isEqualTo("a3");
  }

  @Test
  void headThatDoesNotLinkToTheKnownChainNamesTheMissingBlock() throws Exception {
    extend("a", "f", 1, 2);
    final BeaconBlock orphan =
        new BeaconBlock(TestChain.id("root", "x9"), 9, TestChain.id("root", "x8"), TestChain.id("exec", "x9"), 9, Instant.EPOCH);
    tracker.onBlock(orphan);
    assertThatThrownBy(() -> tracker.onHead(orphan.root()))
        .isInstanceOf(UnknownAncestorException.class)
        .satisfies(e -> assertThat(((UnknownAncestorException) e).missingRoot()).isEqualTo(TestChain.id("root", "x8")));
    assertThat(name(tracker.heads().optimisticHead())).isEqualTo("a2");
  }

  @Test
  void blocksWithoutExecutionPayloadNeedNoProof() throws Exception {
    tracker.onBlock(new BeaconBlock(TestChain.id("root", "p1"), 1, chain.get("f").root(), Bytes32.ZERO, 0, Instant.EPOCH));
    tracker.onHead(TestChain.id("root", "p1"));
    assertThat(tracker.heads().provenHead().root()).isEqualTo(TestChain.id("root", "p1"));
  }

  @Test
  void pagesTheCanonicalChainBySlot() throws Exception {
    extend("a", "f", 1, 5);
    assertThat(tracker.canonicalFrom(0, 3)).extracting(this::name).containsExactly("f", "a1", "a2");
    assertThat(tracker.canonicalFrom(4, 10)).extracting(this::name).containsExactly("a4", "a5");
    assertThat(tracker.canonicalFrom(6, 10)).isEmpty();
  }

  @Test
  void listsTheLatestCanonicalBlocksHeadFirstDownToTheFinalizedCheckpoint() throws Exception {
    extend("a", "f", 1, 5);
    tracker.onBlock(chain.child("b5", "a4", 5));
    assertThat(tracker.canonicalTail(3)).extracting(this::name).containsExactly("a5", "a4", "a3");
    tracker.onHead(chain.get("b5").root());
    tracker.onFinalized(chain.get("a2").root());
    assertThat(tracker.canonicalTail(10)).extracting(this::name).containsExactly("b5", "a4", "a3", "a2");
  }

  @Test
  void rejectsAMinimumBelowOne() {
    assertThatThrownBy(() -> new ProvenChainTracker(chain.get("f"), 0, 64, 10))
        .hasMessageContaining("at least 1");
  }
}

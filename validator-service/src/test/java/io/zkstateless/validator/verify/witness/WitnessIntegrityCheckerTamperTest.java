package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.witness.WitnessProofFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpBytes;
import io.zkstateless.validator.verify.witness.WitnessFixtures.WitnessedBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

/** Real witnesses changed in one place: each change must be rejected with a reason saying what. */
class WitnessIntegrityCheckerTamperTest {

  /** Small (207 nodes, 51 keys), from Besu: headers newest first. */
  private static final WitnessedBlock HOODI = WitnessFixtures.real("hoodi-51632");

  /** Six ancestor headers, ascending (ethrex). */
  private static final WitnessedBlock SIX_HEADERS = WitnessFixtures.real("hoodi-1265656");

  @Test
  void wrongBlockHashIsRejected() {
    final Bytes32 other = Hashes.keccak256(new byte[] {1});
    assertThat(
            WitnessIntegrityChecker.check(HOODI.header(), other, HOODI.number(), HOODI.witness()))
        .isInstanceOfSatisfying(
            WitnessCheckResult.Failed.class,
            failed ->
                assertThat(failed.reason())
                    .contains("hashes to " + HOODI.hash())
                    .contains(other.toString()));
  }

  @Test
  void wrongBlockNumberIsRejected() {
    assertThat(
            WitnessIntegrityChecker.check(
                HOODI.header(), HOODI.hash(), HOODI.number() + 1, HOODI.witness()))
        .isInstanceOfSatisfying(
            WitnessCheckResult.Failed.class,
            failed ->
                assertThat(failed.reason()).contains("block header number " + HOODI.number()));
  }

  @Test
  void headerThatIsNotRlpIsRejected() {
    final byte[] truncated = java.util.Arrays.copyOf(HOODI.header(), 100);
    assertThat(
            WitnessIntegrityChecker.check(truncated, HOODI.hash(), HOODI.number(), HOODI.witness()))
        .isInstanceOfSatisfying(
            WitnessCheckResult.Failed.class,
            failed -> assertThat(failed.reason()).startsWith("block header does not decode: RLP"));
  }

  @Test
  void changedAncestorHeaderBreaksTheChain() {
    // Flip a byte of the oldest header's parent hash: its hash changes, so its child no longer
    // links to it.
    final ExecutionWitness witness =
        withHeaders(SIX_HEADERS.witness(), headers -> flip(headers, 0, 5));
    reason(SIX_HEADERS.withWitness(witness))
        .isEqualTo("1 witness header(s) are not on the hash chain to the parent");
  }

  @Test
  void parentReplacedByAnotherHeaderIsRejected() {
    final ExecutionWitness witness =
        withHeaders(SIX_HEADERS.witness(), headers -> flip(headers, 5, 5));
    reason(SIX_HEADERS.withWitness(witness)).contains("lacks the parent header");
  }

  @Test
  void strayHeaderIsRejected() {
    final ImmutableBytes stray =
        WitnessFixtures.eest("witness_codes_nested_calls").get(0).witness().headers().get(0);
    final ExecutionWitness witness =
        withHeaders(HOODI.witness(), headers -> append(headers, stray));
    reason(HOODI.withWitness(witness)).contains("not on the hash chain");
  }

  @Test
  void repeatedHeaderIsRejected() {
    final ExecutionWitness witness =
        withHeaders(HOODI.witness(), headers -> append(headers, headers.get(0)));
    reason(HOODI.withWitness(witness)).contains("repeats header");
  }

  @Test
  void flippedByteInTheRootNodeLosesTheParentStateRoot() {
    final int root = indexOf(HOODI.witness().state(), parentStateRoot(HOODI));
    reason(HOODI.withWitness(withState(HOODI.witness(), state -> flip(state, root, 10))))
        .contains("parent state root")
        .contains("is not among the state nodes");
  }

  @Test
  void flippedByteInAnInnerNodeIsMissedByTheKeyWalk() {
    final int root = indexOf(HOODI.witness().state(), parentStateRoot(HOODI));
    final int inner = root == 0 ? 1 : 0;
    reason(HOODI.withWitness(withState(HOODI.witness(), state -> flip(state, inner, 10))))
        .contains("does not resolve")
        .contains("is missing");
  }

  @Test
  void flippedRlpPrefixIsNotATrieNode() {
    reason(HOODI.withWitness(withState(HOODI.witness(), state -> flip(state, 3, 0))))
        .startsWith("state[3] is not a trie node");
  }

  @Test
  void removedNodeOnAKeyPathIsReportedWithItsDepth() {
    // The root's child on the path of the first key (an address) is what its walk needs next.
    final ImmutableBytes address = HOODI.witness().keys().get(0);
    final int nibble = (Hashes.keccak256(address.toArray()).get(0) & 0xff) >>> 4;
    final List<ImmutableBytes> state = HOODI.witness().state();
    final TrieNode.Branch root =
        (TrieNode.Branch)
            TrieNode.decode(state.get(indexOf(state, parentStateRoot(HOODI))).toArray());
    final Bytes32 child = Bytes32.wrap(((RlpBytes) root.children().get(nibble)).bytes());
    final int removed = indexOf(state, child);
    reason(HOODI.withWitness(withState(HOODI.witness(), nodes -> remove(nodes, removed))))
        .isEqualTo(
            "account "
                + address.toHexString()
                + " does not resolve: node "
                + child
                + " at depth 1 is missing");
  }

  @Test
  void repeatedNodeIsRejected() {
    reason(HOODI.withWitness(withState(HOODI.witness(), state -> append(state, state.get(7)))))
        .isEqualTo("state[" + HOODI.witness().state().size() + "] repeats an earlier node");
  }

  @Test
  void repeatedCodeIsRejected() {
    final ExecutionWitness original = HOODI.witness();
    final ExecutionWitness witness =
        new ExecutionWitness(
            original.state(),
            append(original.codes(), original.codes().get(0)),
            original.keys(),
            original.headers());
    reason(HOODI.withWitness(witness)).contains("repeats an earlier code");
  }

  @Test
  void storageSlotBeforeAnyAddressIsRejected() {
    final List<ImmutableBytes> keys = new ArrayList<>();
    keys.add(ImmutableBytes.of(new byte[32]));
    keys.addAll(HOODI.witness().keys());
    reason(HOODI.withWitness(WitnessFixtures.withKeys(HOODI.witness(), keys)))
        .isEqualTo("keys[0] is a storage slot before any address");
  }

  @Test
  void witnessBeyondTheFormatLimitsIsRefusedBeforeAnyWork() {
    final ExecutionWitness witness =
        withHeaders(
            HOODI.witness(),
            headers -> Collections.nCopies(WitnessProofFormat.MAX_HEADERS + 1, headers.get(0)));
    reason(HOODI.withWitness(witness)).isEqualTo("257 headers exceed the limit of 256");
  }

  @Test
  void keyTheWitnessWasNotBuiltForDoesNotResolve() {
    final List<ImmutableBytes> keys =
        List.of(ImmutableBytes.fromHex("0x00000000000000000000000000000000000000ff"));
    reason(HOODI.withWitness(WitnessFixtures.withKeys(HOODI.witness(), keys)))
        .startsWith("account 0x00000000000000000000000000000000000000ff does not resolve: node 0x")
        .endsWith("is missing");
  }

  private static AbstractStringAssert<?> reason(final WitnessedBlock block) {
    final WitnessCheckResult result = block.check();
    assertThat(result).isInstanceOf(WitnessCheckResult.Failed.class);
    return assertThat(((WitnessCheckResult.Failed) result).reason());
  }

  private static Bytes32 parentStateRoot(final WitnessedBlock block) {
    return Bytes32.fromHex(block.json().path("expected").path("parentStateRoot").asString());
  }

  private static int indexOf(final List<ImmutableBytes> nodes, final Bytes32 hash) {
    for (int i = 0; i < nodes.size(); i++) {
      if (Hashes.keccak256(nodes.get(i).toArray()).equals(hash)) {
        return i;
      }
    }
    throw new AssertionError("no node " + hash);
  }

  private static List<ImmutableBytes> flip(
      final List<ImmutableBytes> items, final int index, final int at) {
    final byte[] bytes = items.get(index).toArray();
    bytes[at] ^= 0x01;
    final List<ImmutableBytes> out = new ArrayList<>(items);
    out.set(index, ImmutableBytes.of(bytes));
    return out;
  }

  private static List<ImmutableBytes> remove(final List<ImmutableBytes> items, final int index) {
    final List<ImmutableBytes> out = new ArrayList<>(items);
    out.remove(index);
    return out;
  }

  private static List<ImmutableBytes> append(
      final List<ImmutableBytes> items, final ImmutableBytes extra) {
    final List<ImmutableBytes> out = new ArrayList<>(items);
    out.add(extra);
    return out;
  }

  private static ExecutionWitness withState(
      final ExecutionWitness witness, final UnaryOperator<List<ImmutableBytes>> change) {
    return new ExecutionWitness(
        change.apply(witness.state()), witness.codes(), witness.keys(), witness.headers());
  }

  private static ExecutionWitness withHeaders(
      final ExecutionWitness witness, final UnaryOperator<List<ImmutableBytes>> change) {
    return new ExecutionWitness(
        witness.state(), witness.codes(), witness.keys(), change.apply(witness.headers()));
  }
}

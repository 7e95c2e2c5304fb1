package io.zkstateless.validator.verify.witness;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.witness.WitnessProofFormat;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import io.zkstateless.common.model.rlp.RlpReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that an execution witness is internally consistent and anchored to a block. This is
 * <b>not</b> re-execution: it shows that the witness is a well-formed, complete-looking piece of
 * the parent state, not that executing the block on it yields the block's post-state root, receipts
 * or gas (see {@code docs/witness-verifier.md}).
 *
 * <p>Checks, in order, stopping at the first failure:
 *
 * <ol>
 *   <li>the header hashes to the expected block hash and carries the expected number;
 *   <li>the witness headers form one Keccak hash chain, numbers consecutive, ending at the parent;
 *   <li>every state node decodes as a trie node (branch, extension, leaf, or the empty {@code
 *       0x80});
 *   <li>the parent's state root is the hash of one of the state nodes;
 *   <li>code hashes are unique;
 *   <li>every address key resolves in the account trie from the parent state root, and every
 *       following slot key in that account's storage trie, to a value or a proof of absence with no
 *       node missing; found accounts must be well-formed and found slot values non-zero words.
 * </ol>
 *
 * <p>Work is bounded by the witness limits of {@link WitnessProofFormat}: each node is hashed and
 * decoded once, and each key walk takes at most 65 steps.
 */
public final class WitnessIntegrityChecker {

  private WitnessIntegrityChecker() {}

  /**
   * Checks {@code witness} for the block whose RLP header is {@code blockHeader}.
   *
   * @param expectedHash the execution block hash the beacon block commits to
   * @param expectedNumber the execution block number the beacon block commits to
   */
  public static WitnessCheckResult check(
      final byte[] blockHeader,
      final Bytes32 expectedHash,
      final long expectedNumber,
      final ExecutionWitness witness) {
    final KeyWalk walk = new KeyWalk();
    try {
      requireWithinLimits(witness);
      final ExecutionHeader block = blockHeader(blockHeader, expectedHash, expectedNumber);
      final ExecutionHeader parent = HeaderChain.parentOf(block, witness.headers());
      final StateNodes nodes = StateNodes.index(witness.state());
      if (!nodes.contains(parent.stateRoot())) {
        throw new WitnessCheckFailure(
            "parent state root " + parent.stateRoot() + " is not among the state nodes");
      }
      walk.run(nodes, parent.stateRoot(), codeHashes(witness.codes()), witness.keys());
      return new WitnessCheckResult.Passed(walk.stats());
    } catch (final WitnessCheckFailure failure) {
      return new WitnessCheckResult.Failed(failure.getMessage(), walk.stats());
    }
  }

  /**
   * Decoded proofs are already within these limits; the check repeats them for callers that build a
   * witness some other way, since they are what bounds the work below.
   */
  private static void requireWithinLimits(final ExecutionWitness witness) {
    requireAtMost(witness.state().size(), WitnessProofFormat.MAX_STATE_NODES, "state nodes");
    requireAtMost(witness.codes().size(), WitnessProofFormat.MAX_CODES, "codes");
    requireAtMost(witness.keys().size(), WitnessProofFormat.MAX_KEYS, "keys");
    requireAtMost(witness.headers().size(), WitnessProofFormat.MAX_HEADERS, "headers");
  }

  private static void requireAtMost(final int count, final int limit, final String what) {
    if (count > limit) {
      throw new WitnessCheckFailure(count + " " + what + " exceed the limit of " + limit);
    }
  }

  private static ExecutionHeader blockHeader(
      final byte[] rlp, final Bytes32 expectedHash, final long expectedNumber) {
    final ExecutionHeader header;
    try {
      header = ExecutionHeader.decode(rlp);
    } catch (final RlpDecodeException e) {
      throw new WitnessCheckFailure("block header does not decode: " + e.getMessage());
    }
    if (!header.hash().equals(expectedHash)) {
      throw new WitnessCheckFailure(
          "block header hashes to " + header.hash() + ", the beacon block has " + expectedHash);
    }
    if (header.number() != expectedNumber) {
      throw new WitnessCheckFailure(
          "block header number " + header.number() + ", the beacon block has " + expectedNumber);
    }
    return header;
  }

  private static Set<Bytes32> codeHashes(final List<ImmutableBytes> codes) {
    final Set<Bytes32> hashes = HashSet.newHashSet(codes.size());
    for (int i = 0; i < codes.size(); i++) {
      if (!hashes.add(Hashes.keccak256(codes.get(i).toArray()))) {
        throw new WitnessCheckFailure("codes[" + i + "] repeats an earlier code");
      }
    }
    return hashes;
  }

  /** The key walks and their running counts. */
  private static final class KeyWalk {

    private int accountsFound;
    private int accountsAbsent;
    private int slotsFound;
    private int slotsAbsent;
    private int accountsWithCodeNotInCodes;

    void run(
        final StateNodes nodes,
        final Bytes32 stateRoot,
        final Set<Bytes32> codeHashes,
        final List<ImmutableBytes> keys) {
      Bytes32 storageRoot = null;
      for (int i = 0; i < keys.size(); i++) {
        final byte[] key = keys.get(i).toArray();
        if (key.length == WitnessProofFormat.ADDRESS_KEY_SIZE) {
          final AccountState account = account(nodes, stateRoot, key);
          storageRoot = account == null ? StateNodes.EMPTY_TRIE_ROOT : account.storageRoot();
          if (account != null && account.hasCode() && !codeHashes.contains(account.codeHash())) {
            accountsWithCodeNotInCodes++;
          }
        } else if (key.length == WitnessProofFormat.SLOT_KEY_SIZE) {
          if (storageRoot == null) {
            throw new WitnessCheckFailure("keys[" + i + "] is a storage slot before any address");
          }
          slot(nodes, storageRoot, key);
        } else {
          throw new WitnessCheckFailure(
              "keys[" + i + "] is " + key.length + " bytes, not 20 or 32");
        }
      }
    }

    private AccountState account(final StateNodes nodes, final Bytes32 root, final byte[] address) {
      if (!(lookup(nodes, root, address, "account") instanceof TrieLookup.Found found)) {
        accountsAbsent++;
        return null;
      }
      accountsFound++;
      try {
        return AccountState.decode(found.value());
      } catch (final RlpDecodeException e) {
        throw new WitnessCheckFailure(
            "account " + Hex.encode(address) + " is malformed: " + e.getMessage());
      }
    }

    private void slot(final StateNodes nodes, final Bytes32 root, final byte[] slot) {
      if (!(lookup(nodes, root, slot, "storage slot") instanceof TrieLookup.Found found)) {
        slotsAbsent++;
        return;
      }
      slotsFound++;
      // A stored value is the RLP of a non-zero word without leading zeros: zero means deleted.
      try {
        final RlpReader value = RlpReader.of(found.value());
        if (value.readBigInteger().signum() == 0) {
          throw new WitnessCheckFailure("storage slot " + Hex.encode(slot) + " stores zero");
        }
        value.finish();
      } catch (final RlpDecodeException e) {
        throw new WitnessCheckFailure(
            "storage slot " + Hex.encode(slot) + " has a malformed value: " + e.getMessage());
      }
    }

    private static TrieLookup lookup(
        final StateNodes nodes, final Bytes32 root, final byte[] key, final String what) {
      final TrieLookup result = nodes.lookup(root, Hashes.keccak256(key));
      if (result instanceof TrieLookup.Missing missing) {
        throw new WitnessCheckFailure(
            what
                + " "
                + Hex.encode(key)
                + " does not resolve: node "
                + missing.node()
                + " at depth "
                + missing.depth()
                + " is missing");
      }
      return result;
    }

    KeyWalkStats stats() {
      return new KeyWalkStats(
          accountsFound, accountsAbsent, slotsFound, slotsAbsent, accountsWithCodeNotInCodes);
    }
  }
}

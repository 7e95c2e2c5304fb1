package io.zkstateless.e2e.support;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** A linear test chain: slot {@code n}'s beacon root and execution block hash are derived from n. */
public final class TestChain {

  private TestChain() {}

  public static ScriptedBeaconNode.Block genesis() {
    return block(0);
  }

  /** The block at {@code slot}, child of the block at {@code slot - 1}. */
  public static ScriptedBeaconNode.Block block(final int slot) {
    return new ScriptedBeaconNode.Block(
        beaconRoot(slot),
        slot,
        slot == 0 ? Bytes32.ZERO.toHexString() : beaconRoot(slot - 1),
        slot == 0 ? Bytes32.ZERO.toHexString() : payloadHash(slot),
        slot);
  }

  /** Adds slots {@code from..to} to the beacon node, moving its head to each. */
  public static void extend(final ScriptedBeaconNode beacon, final int from, final int to) {
    for (int slot = from; slot <= to; slot++) {
      beacon.addBlock(block(slot));
      beacon.setHead(beaconRoot(slot));
    }
  }

  public static String beaconRoot(final int slot) {
    return "0x" + "a1".repeat(28) + String.format("%08x", slot);
  }

  public static String payloadHash(final int slot) {
    return "0x" + "e7".repeat(28) + String.format("%08x", slot);
  }

  /**
   * {@code <payload hash>/<proof type>} of every (block, proof type) of slots {@code from..to}: the
   * rows the validator's store must end with, once each.
   */
  public static Set<String> proofKeys(
      final int from, final int to, final Collection<Integer> proofTypes) {
    final Set<String> keys = new HashSet<>();
    for (int slot = from; slot <= to; slot++) {
      for (final int type : proofTypes) {
        keys.add(payloadHash(slot) + "/" + type);
      }
    }
    return keys;
  }
}

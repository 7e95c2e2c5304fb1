package io.zkstateless.devnet.chain;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.test.beacon.ScriptedBeaconNode;
import io.zkstateless.common.test.el.FixtureBlock;
import io.zkstateless.common.test.el.FixtureExecutionClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The devnet's chain: a beacon node and an execution client that agree on every block. Each {@link
 * #advance()} is one slot: a new execution block stamped from the next recorded template is served
 * by the execution client, and a beacon block committing to it becomes the head. Every epoch the
 * checkpoint two epochs back is finalized, as a healthy chain does.
 */
public final class SimulatedChain {

  /** Fixed by {@link ScriptedBeaconNode}, which reports finalized epochs as slot / 32. */
  public static final int SLOTS_PER_EPOCH = 32;

  /** Execution blocks kept servable; older ones were proved (or given up on) long ago. */
  private static final int SERVED_SLOTS = 256;

  private static final byte[] ROOT_DOMAIN = "zk-devnet beacon block".getBytes(StandardCharsets.US_ASCII);

  private final List<RecordedBlockTemplate> templates;
  private final FixtureExecutionClient executionClient;
  private final ScriptedBeaconNode beacon;
  private final Deque<String> served = new ArrayDeque<>();
  private long slot;

  private SimulatedChain(
      final List<RecordedBlockTemplate> templates,
      final FixtureExecutionClient executionClient,
      final ScriptedBeaconNode beacon) {
    this.templates = List.copyOf(templates);
    this.executionClient = executionClient;
    this.beacon = beacon;
  }

  /** A chain at genesis (slot 0, no execution payload), served by the two given servers. */
  public static SimulatedChain atGenesis(
      final List<RecordedBlockTemplate> templates,
      final FixtureExecutionClient executionClient,
      final Function<ScriptedBeaconNode.Block, ScriptedBeaconNode> beaconAt) {
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("the simulated chain needs at least one recorded block");
    }
    final ScriptedBeaconNode beacon =
        beaconAt.apply(
            new ScriptedBeaconNode.Block(
                root(0), 0, Bytes32.ZERO.toHexString(), Bytes32.ZERO.toHexString(), 0));
    return new SimulatedChain(templates, executionClient, beacon);
  }

  public ScriptedBeaconNode beacon() {
    return beacon;
  }

  public long slot() {
    return slot;
  }

  /** Produces the next slot's block and makes it the head; returns it. */
  public synchronized SlotBlock advance() {
    slot++;
    final RecordedBlockTemplate template = templates.get((int) ((slot - 1) % templates.size()));
    final FixtureBlock execution = template.stamp(slot);
    executionClient.serve(execution);
    served.addLast(execution.hash());
    while (served.size() > SERVED_SLOTS) {
      executionClient.forget(served.removeFirst());
    }
    final ScriptedBeaconNode.Block block =
        new ScriptedBeaconNode.Block(
            root(slot), slot, root(slot - 1), execution.hash(), execution.number());
    beacon.addBlock(block);
    beacon.setHead(block.root());
    if (slot % SLOTS_PER_EPOCH == 0 && slot >= 2L * SLOTS_PER_EPOCH) {
      beacon.finalize(root(slot - 2L * SLOTS_PER_EPOCH));
    }
    return new SlotBlock(slot, block.root(), execution.hash(), execution.number(), template.name());
  }

  /** The beacon block root of a slot: a hash, so it looks like one, and never collides. */
  public static String root(final long slot) {
    return Hashes.keccak256(ROOT_DOMAIN, ByteBuffer.allocate(Long.BYTES).putLong(slot).array())
        .toHexString();
  }

  /** What one slot produced. */
  public record SlotBlock(
      long slot, String root, String executionHash, long executionNumber, String template) {}
}

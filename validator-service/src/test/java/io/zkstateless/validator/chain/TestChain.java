package io.zkstateless.validator.chain;

import io.zkstateless.common.model.bytes.Bytes32;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Builds named blocks with distinct roots and execution hashes for chain tests. */
final class TestChain {

  private final Map<String, BeaconBlock> byName = new HashMap<>();

  static Bytes32 id(final String prefix, final String name) {
    final byte[] bytes = new byte[32];
    final byte[] label = (prefix + ":" + name).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(label, 0, bytes, 0, Math.min(label.length, 32));
    return Bytes32.wrap(bytes);
  }

  BeaconBlock genesis(final String name, final long slot) {
    final BeaconBlock block =
        new BeaconBlock(id("root", name), slot, Bytes32.ZERO, id("exec", name), slot, Instant.EPOCH);
    byName.put(name, block);
    return block;
  }

  BeaconBlock child(final String name, final String parent, final long slot) {
    final BeaconBlock block =
        new BeaconBlock(
            id("root", name), slot, get(parent).root(), id("exec", name), slot, Instant.EPOCH);
    byName.put(name, block);
    return block;
  }

  BeaconBlock get(final String name) {
    final BeaconBlock block = byName.get(name);
    if (block == null) {
      throw new IllegalArgumentException("no block " + name);
    }
    return block;
  }
}

package io.zkstateless.common.p2p.interop;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Benchmark messages: {@code ExecutionProof}s whose {@code proof_data} (of the message size) starts
 * with the uint64 big-endian sequence number and send time ({@link System#nanoTime}, which reads
 * CLOCK_MONOTONIC on Linux, as node's {@code process.hrtime} does), then random bytes. Same layout
 * as {@code bench-peer.mjs}.
 */
final class BenchProofs {

  static final int SUBNET = 7;
  private static final Bytes32 BLOCK = Bytes32.fromHex("0x" + "42".repeat(32));

  private BenchProofs() {}

  static ExecutionProof proof(final byte[] tail, final long seq) {
    final byte[] data = tail.clone();
    ByteBuffer.wrap(data).putLong(0, seq).putLong(8, System.nanoTime());
    return new ExecutionProof(
        BLOCK, ExecutionProofSubnetId.of(SUBNET), 1, ImmutableBytes.of(data), 1_764_000_000L);
  }

  static byte[] randomTail(final int size) {
    final byte[] tail = new byte[size];
    new Random(size).nextBytes(tail);
    return tail;
  }

  /** Nanoseconds since {@code proof} was built. */
  static long age(final ExecutionProof proof) {
    long sentAt = 0;
    for (int i = 8; i < 16; i++) {
      sentAt = (sentAt << 8) | (proof.proofData().get(i) & 0xff);
    }
    return System.nanoTime() - sentAt;
  }
}

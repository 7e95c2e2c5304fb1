package io.zkstateless.broadcaster.support;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.kafka.ProofRecordHeaders;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Distinct proofs for tests: each call gets a new block hash. */
public final class Proofs {

  private static final AtomicInteger NEXT = new AtomicInteger(1);

  private Proofs() {}

  public static ExecutionProof fresh(final int subnet) {
    return at(subnet, Instant.now().getEpochSecond());
  }

  public static ExecutionProof at(final int subnet, final long timestamp) {
    final byte[] hash = new byte[32];
    final int n = NEXT.getAndIncrement();
    hash[0] = (byte) 0xb7;
    hash[28] = (byte) (n >>> 24);
    hash[29] = (byte) (n >>> 16);
    hash[30] = (byte) (n >>> 8);
    hash[31] = (byte) n;
    return new ExecutionProof(
        Bytes32.wrap(hash),
        new ExecutionProofSubnetId(subnet),
        1,
        ImmutableBytes.of(("proof " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        timestamp);
  }

  public static ProofRecordHeaders headersFor(final ExecutionProof proof) {
    return new ProofRecordHeaders(
        "mock", 100, 200, Bytes32.fromHex("0x" + "ab".repeat(32)), "prover-1");
  }
}

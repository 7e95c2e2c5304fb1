package io.zkstateless.validator.store;

import io.zkstateless.common.model.bytes.Bytes32;
import java.time.Instant;
import java.util.Objects;

/** A verified proof as the store keeps it; {@code proofType} equals its subnet. */
public record StoredProof(
    Bytes32 blockHash,
    int proofType,
    int version,
    long proofTimestamp,
    byte[] proofData,
    String source,
    Instant receivedAt) {

  public StoredProof {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(proofData, "proofData");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}

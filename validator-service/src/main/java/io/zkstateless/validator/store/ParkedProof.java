package io.zkstateless.validator.store;

import io.zkstateless.common.model.bytes.Bytes32;
import java.time.Instant;
import java.util.Objects;

/**
 * A proof kept while its block is unknown, as the {@code parked_proof} table holds it: raw values,
 * checked again when it is restored (a row is outside input once the process that wrote it is
 * gone). {@code id} is 0 before the row is written.
 */
public record ParkedProof(
    long id,
    Bytes32 blockHash,
    int subnetId,
    long version,
    long proofTimestamp,
    byte[] proofData,
    String sourceKind,
    String sourceId,
    Instant receivedAt) {

  public ParkedProof {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(proofData, "proofData");
    Objects.requireNonNull(sourceKind, "sourceKind");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}

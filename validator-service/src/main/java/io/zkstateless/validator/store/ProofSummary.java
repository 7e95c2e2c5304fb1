package io.zkstateless.validator.store;

import io.zkstateless.common.model.bytes.Bytes32;
import java.time.Instant;

/** What the API shows of a stored proof, without loading its bytes. */
public record ProofSummary(
    long id,
    Bytes32 blockHash,
    int proofType,
    int version,
    long proofTimestamp,
    int sizeBytes,
    String source,
    Instant receivedAt) {}

package io.zkstateless.broadcaster.consume;

import io.zkstateless.common.model.codec.DecodeException;

/**
 * A record on the proofs topic that breaks the topic's contract beyond its value: an empty value
 * (tombstone), or a key that is not the proof's block hash (partitioning relies on the key). Such a
 * record is dead-lettered without a publish attempt.
 */
public final class ProofRecordException extends DecodeException {

  private ProofRecordException(final String part, final String problem) {
    super(part, 0, problem);
  }

  public static ProofRecordException emptyValue() {
    return new ProofRecordException("Kafka record value", "empty value (tombstone)");
  }

  public static ProofRecordException keyMismatch(final String key, final String blockHash) {
    final String shown = key.length() > 80 ? key.substring(0, 80) + "..." : key;
    return new ProofRecordException(
        "Kafka record key", "key '" + shown + "' is not the block hash " + blockHash);
  }
}

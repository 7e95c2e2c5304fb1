package io.zkstateless.validator.ingest;

import java.util.Objects;

/**
 * Where a proof came from: the kind is a bounded metric tag, the id (a peer id, a Kafka
 * partition, an admin client) keys the per-source failure rate limit.
 */
public record ProofSource(Kind kind, String id) {

  /** Source kinds. */
  public enum Kind {
    GOSSIP,
    KAFKA,
    ADMIN;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ProofSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  public static ProofSource kafka(final int partition) {
    return new ProofSource(Kind.KAFKA, "kafka-" + partition);
  }

  public static ProofSource admin() {
    return new ProofSource(Kind.ADMIN, "admin");
  }
}

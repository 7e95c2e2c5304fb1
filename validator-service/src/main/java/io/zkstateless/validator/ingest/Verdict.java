package io.zkstateless.validator.ingest;

/** The gossipsub validation result vocabulary; every source gets one, gossip acts on it. */
public enum Verdict {
  /** Valid and new: stored, and forwarded on gossip. */
  ACCEPT,
  /** Not harmful but not useful now (duplicate, block unknown yet, rate limited): dropped quietly. */
  IGNORE,
  /** Invalid: dropped and counted against the sender. */
  REJECT
}

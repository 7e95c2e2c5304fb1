package io.zkstateless.common.p2p.gossip;

/**
 * When the router stops reading from its peers because too much received work awaits a verdict,
 * and when it starts again: it pauses once {@code pauseAtMessages} messages or {@code pauseAtBytes}
 * bytes of message data are being validated, and resumes once both are at or below the resume
 * marks. While paused, TCP (and the muxer's window) slow the senders down instead of messages being
 * dropped. The pause marks must stay below {@link GossipParams#maxPendingValidations()}, the hard
 * bound beyond which a message is dropped (and forgotten): bytes already read when the pause takes
 * effect are still decoded and validated.
 */
public record ValidationBackpressure(
    int pauseAtMessages, int resumeAtMessages, long pauseAtBytes, long resumeAtBytes) {

  /** Pausing at 64 MiB of message data awaiting a verdict, resuming at 32 MiB. */
  public static final long DEFAULT_PAUSE_AT_BYTES = 64L << 20;

  /**
   * Pausing at a quarter of {@code maxPendingValidations} messages (at least 1) or {@link
   * #DEFAULT_PAUSE_AT_BYTES}: the other three quarters absorb what was already read.
   */
  public static ValidationBackpressure defaultFor(final int maxPendingValidations) {
    return pauseAt(Math.max(1, maxPendingValidations / 4), DEFAULT_PAUSE_AT_BYTES);
  }

  public ValidationBackpressure {
    if (resumeAtMessages < 0
        || resumeAtMessages >= pauseAtMessages
        || resumeAtBytes < 0
        || resumeAtBytes >= pauseAtBytes) {
      throw new IllegalArgumentException(
          "need 0 <= resume mark < pause mark, for messages and for bytes");
    }
  }

  /** Pausing at {@code pauseAtMessages} or {@code pauseAtBytes}, resuming at half of each. */
  public static ValidationBackpressure pauseAt(final int pauseAtMessages, final long pauseAtBytes) {
    return new ValidationBackpressure(
        pauseAtMessages, pauseAtMessages / 2, pauseAtBytes, pauseAtBytes / 2);
  }

  boolean shouldPause(final int pendingMessages, final long pendingBytes) {
    return pendingMessages >= pauseAtMessages || pendingBytes >= pauseAtBytes;
  }

  boolean mayResume(final int pendingMessages, final long pendingBytes) {
    return pendingMessages <= resumeAtMessages && pendingBytes <= resumeAtBytes;
  }
}

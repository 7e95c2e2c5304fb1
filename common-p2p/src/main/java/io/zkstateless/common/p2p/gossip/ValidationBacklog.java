package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.gossip.message.GossipMessage;

/**
 * Received messages awaiting a verdict, counted and summed in bytes, and the backpressure on them:
 * at {@link ValidationBackpressure}'s pause marks reading from peers stops (through the {@link
 * InboundReadGate}) until the backlog is down to the resume marks, and at {@link
 * GossipParams#maxPendingValidations()} the backlog is full and takes nothing more. Guarded by the
 * router's lock.
 */
final class ValidationBacklog {

  private final int maxMessages;
  private final ValidationBackpressure backpressure;
  private final InboundReadGate readGate;
  private int messages;
  private long bytes;
  private boolean readingPaused;
  private long readPauses;

  ValidationBacklog(
      final int maxMessages,
      final ValidationBackpressure backpressure,
      final InboundReadGate readGate) {
    if (backpressure.pauseAtMessages() > maxMessages) {
      throw new IllegalArgumentException(
          "reading must pause at or below maxPendingValidations ("
              + maxMessages
              + "), not at "
              + backpressure.pauseAtMessages());
    }
    this.maxMessages = maxMessages;
    this.backpressure = backpressure;
    this.readGate = readGate;
  }

  boolean full() {
    return messages >= maxMessages;
  }

  void started(final GossipMessage message) {
    messages++;
    bytes += message.dataLength();
    updateReading();
  }

  void ended(final GossipMessage message) {
    messages--;
    bytes -= message.dataLength();
    updateReading();
  }

  int messages() {
    return messages;
  }

  boolean readingPaused() {
    return readingPaused;
  }

  long readPauses() {
    return readPauses;
  }

  /** Backpressure: stops reading from peers above the pause marks, resumes at the resume marks. */
  private void updateReading() {
    if (!readingPaused && backpressure.shouldPause(messages, bytes)) {
      readingPaused = true;
      readPauses++;
      readGate.pauseReading();
    } else if (readingPaused && backpressure.mayResume(messages, bytes)) {
      readingPaused = false;
      readGate.resumeReading();
    }
  }
}

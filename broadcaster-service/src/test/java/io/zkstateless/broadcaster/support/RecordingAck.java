package io.zkstateless.broadcaster.support;

import java.time.Duration;
import org.springframework.kafka.support.Acknowledgment;

/** An {@link Acknowledgment} that remembers whether it was acknowledged or handed back. */
public final class RecordingAck implements Acknowledgment {

  private volatile boolean acknowledged;
  private volatile boolean nacked;

  @Override
  public void acknowledge() {
    if (acknowledged) {
      throw new IllegalStateException("acknowledged twice");
    }
    acknowledged = true;
  }

  @Override
  public void nack(final Duration sleep) {
    nacked = true;
  }

  public boolean acknowledged() {
    return acknowledged;
  }

  public boolean nacked() {
    return nacked;
  }
}

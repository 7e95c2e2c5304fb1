package io.zkstateless.common.p2p.eth2.reqresp;

import java.util.Objects;

/**
 * The Fulu {@code Status} (status/2): the phase 0 fields plus the earliest slot the peer can serve
 * blocks for.
 */
public record StatusV2(Status status, long earliestAvailableSlot) {

  public StatusV2 {
    Objects.requireNonNull(status, "status");
  }
}

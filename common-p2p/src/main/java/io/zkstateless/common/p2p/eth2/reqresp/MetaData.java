package io.zkstateless.common.p2p.eth2.reqresp;

import io.zkstateless.common.model.ssz.Bitfield;
import java.util.Objects;

/**
 * The Altair {@code MetaData} (metadata/2): a sequence number that grows whenever the rest changes,
 * and the attestation and sync committee subnets we are subscribed to long-term.
 */
public record MetaData(long seqNumber, Bitfield attnets, Bitfield syncnets) {

  public static final int ATTESTATION_SUBNET_COUNT = 64;
  public static final int SYNC_COMMITTEE_SUBNET_COUNT = 4;

  public MetaData {
    Objects.requireNonNull(attnets, "attnets");
    Objects.requireNonNull(syncnets, "syncnets");
    if (attnets.size() != ATTESTATION_SUBNET_COUNT) {
      throw new IllegalArgumentException("attnets must have 64 bits, got " + attnets.size());
    }
    if (syncnets.size() != SYNC_COMMITTEE_SUBNET_COUNT) {
      throw new IllegalArgumentException("syncnets must have 4 bits, got " + syncnets.size());
    }
  }

  /** A node on no subnets: what a non-validating service advertises. */
  public static MetaData noSubnets(final long seqNumber) {
    return new MetaData(
        seqNumber,
        Bitfield.empty(ATTESTATION_SUBNET_COUNT),
        Bitfield.empty(SYNC_COMMITTEE_SUBNET_COUNT));
  }
}

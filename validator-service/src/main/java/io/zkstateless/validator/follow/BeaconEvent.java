package io.zkstateless.validator.follow;

import io.zkstateless.common.model.bytes.Bytes32;

/** The Beacon API SSE events the follower uses; each is a hint that the follower verifies. */
public sealed interface BeaconEvent {

  record Head(Bytes32 root, long slot) implements BeaconEvent {}

  record Block(Bytes32 root, long slot) implements BeaconEvent {}

  record FinalizedCheckpoint(Bytes32 root, long epoch) implements BeaconEvent {}

  record ChainReorg(Bytes32 oldHeadRoot, Bytes32 newHeadRoot, long slot, long depth) implements BeaconEvent {}
}

package io.zkstateless.validator.follow;

/** Where the follower is; readiness reports it. */
public enum FollowerState {
  STARTING,
  BACKFILLING,
  FOLLOWING,
  DISCONNECTED,
  STOPPED
}

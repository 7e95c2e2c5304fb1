package io.zkstateless.broadcaster.consume;

/** Listener container ids; retry and DLT containers get this id plus their topic suffix. */
public final class ListenerIds {

  public static final String PROOFS = "broadcaster-proofs";

  private ListenerIds() {}
}

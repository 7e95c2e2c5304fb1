package io.zkstateless.broadcaster.fork;

/** The fork digest to put in gossip topics now. */
@FunctionalInterface
public interface ForkDigestSource {

  ForkDigest current();
}

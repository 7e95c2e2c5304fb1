package io.zkstateless.broadcaster.fork;

import io.zkstateless.common.model.fork.ForkDigest;

/** The fork digest to put in gossip topics now. */
@FunctionalInterface
public interface ForkDigestSource {

  ForkDigest current();
}

package io.zkstateless.common.p2p.interop;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.gossip.GossipParams;
import io.zkstateless.common.p2p.gossip.GossipRouter;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.gossip.Gossipsub;
import io.zkstateless.common.p2p.gossip.RpcLimits;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.gossip.message.MessageId;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Java gossip node for interop tests with js-libp2p: a {@link Host} offering the given muxers,
 * gossipsub with js-libp2p's StrictNoSign message id (SHA-256 of the data, so both sides agree on
 * ids) and eth2 peer scoring of the {@code bfe0d3f4} execution-proof topics. Its validator REJECTs
 * data starting with {@code 0xff} and ACCEPTs the rest; what it delivers is queued with the peer
 * it came from.
 */
final class JavaGossipPeer implements AutoCloseable {

  static final String FORK_DIGEST = "bfe0d3f4";
  static final byte REJECTED_PREFIX = (byte) 0xff;

  /** A delivered message and the peer that relayed it to us. */
  record Received(PeerId from, byte[] data) {}

  final BlockingQueue<Received> delivered = new LinkedBlockingQueue<>();
  final BlockingQueue<MessageId> deliveredIds = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
  private final Gossipsub gossipsub;
  private final Host host;

  JavaGossipPeer(final List<String> muxers) {
    gossipsub =
        new Gossipsub(
            GossipParams.ETH2,
            RpcLimits.ETH2,
            JavaGossipPeer::jsStrictNoSignId,
            (from, message) -> {
              final byte[] data = message.data();
              if (data.length > 0 && data[0] == REJECTED_PREFIX) {
                return CompletableFuture.completedFuture(GossipValidator.Result.REJECT);
              }
              delivered.add(new Received(from, data));
              return CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT);
            },
            (id, message) -> deliveredIds.add(id),
            Clock.systemUTC(),
            Eth2GossipNode.defaultScoring(FORK_DIGEST));
    host =
        new Host(
            HostConfig.of(Secp256k1PrivateKey.generate(), List.of(gossipsub.protocolHandler()))
                .withMuxers(muxers));
    gossipsub.attach(host, heartbeat);
  }

  /** Listens on a loopback port; returns the address with our peer id. */
  Multiaddr listen() throws Exception {
    return host.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"))
        .get(10, TimeUnit.SECONDS)
        .withPeerId(host.peerId());
  }

  void dial(final String multiaddr) throws Exception {
    host.dial(Multiaddr.fromString(multiaddr)).get(10, TimeUnit.SECONDS);
  }

  GossipRouter router() {
    return gossipsub.router();
  }

  Host host() {
    return host;
  }

  PeerId peerId() {
    return host.peerId();
  }

  @Override
  public void close() {
    gossipsub.close();
    heartbeat.shutdownNow();
    host.close();
  }

  /** A message id as js-libp2p gossipsub prints it (its {@code msgIdToStrFn}): unpadded base64. */
  static String jsText(final MessageId id) {
    return Base64.getEncoder().withoutPadding().encodeToString(id.toBytes());
  }

  /** js-libp2p's default message id under StrictNoSign: SHA-256 of the data. */
  static MessageId jsStrictNoSignId(final GossipMessage message) {
    try {
      return MessageId.of(MessageDigest.getInstance("SHA-256").digest(message.data()));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

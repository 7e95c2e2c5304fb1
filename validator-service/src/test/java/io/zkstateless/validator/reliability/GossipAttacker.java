package io.zkstateless.validator.reliability;

import io.netty.buffer.Unpooled;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.encoding.Uvarint;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipCodec;
import io.zkstateless.common.p2p.gossip.GossipRpc;
import io.zkstateless.common.p2p.gossip.GossipRpcCodec;
import io.zkstateless.common.p2p.gossip.MeshsubTransport;
import io.zkstateless.common.p2p.gossip.RpcLimits;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.host.Connection;
import io.zkstateless.common.p2p.host.Host;
import io.zkstateless.common.p2p.host.HostConfig;
import io.zkstateless.common.p2p.host.ProtocolHandler;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.mux.MuxedStream;
import io.zkstateless.common.p2p.mux.StreamHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A hostile gossip peer: a real libp2p host (Noise, yamux) that opens a {@code /meshsub/1.1.0}
 * stream to the victim and writes RPC frames of its own making as fast as the stream takes them,
 * re-opening the stream or re-dialling whenever the victim resets or closes it. Our {@code
 * Gossipsub} would never send these (it dedups, validates and paces), hence raw frames.
 *
 * <p>Each RPC carries 16 messages of five kinds in turn: undecodable snappy, a snappy header
 * declaring 100 MiB (oversize proof), a proof whose subnet does not match its topic, a well-formed
 * proof for a known block whose proof bytes fail verification, and a valid-looking proof for an
 * unknown block (parked by the validator). Every 6th frame repeats one fixed RPC (duplicates);
 * every 64th is stream-level garbage: a protobuf with an invalid wire type, or a length prefix
 * beyond the RPC limit. A penalised identity is soon graylisted, after which the victim ignores it
 * whatever it sends, so the attacker takes a fresh identity (a new key, a new connection) every
 * {@code rotateEvery}, as a Sybil would.
 */
final class GossipAttacker implements AutoCloseable {

  private static final ExecutionProofGossipCodec CODEC =
      new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT);
  private static final GossipRpcCodec RPC = new GossipRpcCodec(RpcLimits.ETH2);
  private static final int PER_RPC = 16;

  private final Duration rotateEvery;
  private Host host;
  private Instant identitySince;
  private final Multiaddr target;
  private final String topic;
  private final int subnet;
  private final List<Bytes32> knownPayloads;
  private final Random random = new Random(9);
  private final byte[] duplicate;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong dials = new AtomicLong();
  private final AtomicLong streams = new AtomicLong();
  private final List<PeerId> identities = new ArrayList<>();
  private Connection connection;
  private MuxedStream stream;
  private long nonce;

  GossipAttacker(
      final Multiaddr target,
      final String topic,
      final int subnet,
      final List<Bytes32> knownPayloads,
      final Duration rotateEvery) {
    this.rotateEvery = rotateEvery;
    this.target = target;
    this.topic = topic;
    this.subnet = subnet;
    this.knownPayloads = List.copyOf(knownPayloads);
    this.duplicate = frame(rpc(List.of(message(proof(randomHash(), subnet, subnet, 512)))));
  }

  /** Every identity used so far, the current one last. */
  synchronized List<PeerId> identities() {
    return List.copyOf(identities);
  }

  /** Floods until {@code stop} says so; returns when it does. */
  void flood(final BooleanSupplier stop) {
    long round = 0;
    while (!stop.getAsBoolean()) {
      if (host == null || Duration.between(identitySince, Instant.now()).compareTo(rotateEvery) > 0) {
        newIdentity();
      }
      final byte[] frame = round % 64 == 63 ? garbage(round) : frame(round);
      if (write(frame)) {
        frames.incrementAndGet();
        bytes.addAndGet(frame.length);
        messages.addAndGet(round % 64 == 63 ? 0 : PER_RPC);
      }
      round++;
    }
  }

  long messages() {
    return messages.get();
  }

  long frames() {
    return frames.get();
  }

  long bytes() {
    return bytes.get();
  }

  long dials() {
    return dials.get();
  }

  long streams() {
    return streams.get();
  }

  @Override
  public void close() {
    if (host != null) {
      host.close();
    }
  }

  private void newIdentity() {
    close();
    host = new Host(HostConfig.of(Secp256k1PrivateKey.generate(), List.of(new Sink())));
    identitySince = Instant.now();
    connection = null;
    stream = null;
    synchronized (this) {
      identities.add(host.peerId());
    }
  }

  private byte[] frame(final long round) {
    if (round % 6 == 5) {
      return duplicate;
    }
    final List<GossipMessage> batch = new ArrayList<>(PER_RPC);
    for (int i = 0; i < PER_RPC; i++) {
      batch.add(message((int) (nonce % 5)));
    }
    return frame(rpc(batch));
  }

  private GossipMessage message(final int kind) {
    final long n = nonce++;
    return switch (kind) {
      case 0 -> GossipMessage.unsigned(topic, junk(n));
      case 1 -> GossipMessage.unsigned(topic, declaresHundredMib(n));
      case 2 -> message(proof(known(n), (subnet + 1) % 8, (subnet + 1) % 8, 256 + (int) (n % 512)));
      // Proof bytes made for another block: well-formed, for a known block, and invalid.
      case 3 -> message(proof(known(n), subnet, subnet, 256 + (int) (n % 512), randomHash()));
      default -> message(proof(randomHash(), subnet, subnet, 256 + (int) (n % 512)));
    };
  }

  private Bytes32 known(final long n) {
    return knownPayloads.get((int) (n % knownPayloads.size()));
  }

  private GossipMessage message(final ExecutionProof proof) {
    return GossipMessage.unsigned(topic, CODEC.encode(proof));
  }

  private static ExecutionProof proof(
      final Bytes32 hash, final int subnet, final int type, final int size) {
    return proof(hash, subnet, type, size, hash);
  }

  private static ExecutionProof proof(
      final Bytes32 hash, final int subnet, final int type, final int size, final Bytes32 provenHash) {
    return new ExecutionProof(
        hash,
        ExecutionProofSubnetId.of(subnet),
        1,
        ImmutableBytes.of(MockProofScheme.create(provenHash, type, size)),
        Instant.now().getEpochSecond());
  }

  private Bytes32 randomHash() {
    final byte[] hash = new byte[Bytes32.SIZE];
    random.nextBytes(hash);
    return Bytes32.wrap(hash);
  }

  private byte[] junk(final long n) {
    final byte[] data = new byte[64 + (int) (n % 192)];
    random.nextBytes(data);
    data[0] = (byte) 0xff; // an uncompressed length uvarint that never ends within the limit
    return data;
  }

  /** A snappy block header declaring 100 MiB uncompressed, then a few literal bytes. */
  private static byte[] declaresHundredMib(final long n) {
    final byte[] length = Uvarint.encode(100L << 20);
    final byte[] data = new byte[length.length + 8];
    System.arraycopy(length, 0, data, 0, length.length);
    data[length.length] = 0x1c; // literal of 8 bytes
    data[length.length + 1] = (byte) n;
    return data;
  }

  /** Stream-level garbage; the victim resets the stream on it. */
  private static byte[] garbage(final long round) {
    if ((round / 64) % 2 == 0) {
      final byte[] body = {0x0f, 1, 2, 3, 4, 5, 6, 7}; // field 1, wire type 7: no such type
      return concat(Uvarint.encode(body.length), body);
    }
    return concat(Uvarint.encode(RpcLimits.ETH2.maxRpcBytes() + 1L), new byte[] {1, 2, 3});
  }

  private static GossipRpc rpc(final List<GossipMessage> messages) {
    return new GossipRpc(List.of(), messages, GossipRpc.Control.EMPTY);
  }

  private static byte[] frame(final GossipRpc rpc) {
    final byte[] encoded = RPC.encode(rpc);
    return concat(Uvarint.encode(encoded.length), encoded);
  }

  private static byte[] concat(final byte[] a, final byte[] b) {
    final byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Writes one frame, (re)opening what it needs; false if the victim refused it this time. */
  private boolean write(final byte[] frame) {
    try {
      if (connection == null || !connection.isOpen()) {
        dials.incrementAndGet();
        connection = host.dial(target).get(5, TimeUnit.SECONDS);
        stream = null;
      }
      if (stream == null) {
        streams.incrementAndGet();
        stream = connection.openStream(MeshsubTransport.PROTOCOL_ID, new Sink()).get(5, TimeUnit.SECONDS);
      }
      stream.write(Unpooled.wrappedBuffer(frame)).get(5, TimeUnit.SECONDS);
      return true;
    } catch (final Exception e) {
      // Reset, closed, refused or full: start again with a new stream (and connection if needed).
      stream = null;
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      pause();
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Accepts the victim's gossip stream and reads nothing from it. */
  private static final class Sink implements ProtocolHandler, StreamHandler {
    @Override
    public String protocolId() {
      return MeshsubTransport.PROTOCOL_ID;
    }

    @Override
    public StreamHandler accept(final MuxedStream stream) {
      return this;
    }

    @Override
    public void onData(final MuxedStream stream, final io.netty.buffer.ByteBuf data) {}
  }
}

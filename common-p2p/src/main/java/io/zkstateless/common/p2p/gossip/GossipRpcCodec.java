package io.zkstateless.common.p2p.gossip;

import io.zkstateless.common.p2p.P2pProtocolException;
import io.zkstateless.common.p2p.gossip.GossipRpc.Control;
import io.zkstateless.common.p2p.gossip.GossipRpc.Graft;
import io.zkstateless.common.p2p.gossip.GossipRpc.IDontWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.IHave;
import io.zkstateless.common.p2p.gossip.GossipRpc.IWant;
import io.zkstateless.common.p2p.gossip.GossipRpc.PeerInfo;
import io.zkstateless.common.p2p.gossip.GossipRpc.Prune;
import io.zkstateless.common.p2p.gossip.GossipRpc.Subscription;
import io.zkstateless.common.p2p.gossip.message.GossipMessage;
import io.zkstateless.common.p2p.protobuf.ProtoReader;
import io.zkstateless.common.p2p.protobuf.ProtoWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Encodes and strictly decodes {@link GossipRpc} protobufs (without the uvarint length prefix that
 * frames them on the stream). Every count and size is checked against {@link RpcLimits} as it is
 * read, so a hostile RPC is rejected before it can make us allocate much.
 */
public final class GossipRpcCodec {

  static final String FORMAT = "gossipsub rpc";

  private final RpcLimits limits;

  /** Room for a message's fields besides its data (topic, tags, lengths), to presize buffers. */
  private static final int ENVELOPE_BYTES = 512;

  public GossipRpcCodec(final RpcLimits limits) {
    this.limits = limits;
  }

  public byte[] encode(final GossipRpc rpc) {
    int expected = 64;
    for (final GossipMessage m : rpc.messages()) {
      expected += m.dataLength() + ENVELOPE_BYTES;
    }
    final ProtoWriter out = new ProtoWriter(expected);
    for (final Subscription s : rpc.subscriptions()) {
      out.bytes(
          1, new ProtoWriter().varint(1, s.subscribe() ? 1 : 0).string(2, s.topic()).toByteArray());
    }
    for (final GossipMessage m : rpc.messages()) {
      out.message(2, encodeMessage(m));
    }
    if (!rpc.control().isEmpty()) {
      out.bytes(3, encodeControl(rpc.control()));
    }
    return out.toByteArray();
  }

  /**
   * @throws P2pProtocolException if the RPC is malformed or exceeds a limit
   */
  public GossipRpc decode(final byte[] bytes) {
    if (bytes.length > limits.maxRpcBytes()) {
      throw new P2pProtocolException(FORMAT, 0, "RPC of " + bytes.length + " bytes");
    }
    final ProtoReader reader = new ProtoReader(bytes, FORMAT);
    final List<Subscription> subscriptions = new ArrayList<>();
    final List<GossipMessage> messages = new ArrayList<>();
    final Counter ids = new Counter("message ids", limits.maxMessageIds());
    final Counter entries = new Counter("control entries", limits.maxControlEntries());
    Control control = Control.EMPTY;
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      switch (field) {
        case 1 -> {
          check(reader, subscriptions.size() < limits.maxSubscriptions(), "too many subscriptions");
          subscriptions.add(decodeSubscription(reader.readMessage(bytes.length)));
        }
        case 2 -> {
          check(reader, messages.size() < limits.maxMessages(), "too many messages");
          messages.add(decodeMessage(reader.readMessage(bytes.length)));
        }
        case 3 -> control = decodeControl(reader.readMessage(bytes.length), ids, entries);
        default -> reader.skip();
      }
    }
    return new GossipRpc(subscriptions, messages, control);
  }

  private Subscription decodeSubscription(final ProtoReader reader) {
    boolean subscribe = false;
    String topic = null;
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      switch (field) {
        case 1 -> subscribe = reader.readVarint() != 0;
        case 2 -> topic = string(reader);
        default -> reader.skip();
      }
    }
    check(reader, topic != null, "subscription without topic");
    return new Subscription(subscribe, topic);
  }

  private GossipMessage decodeMessage(final ProtoReader reader) {
    String topic = null;
    byte[] data = new byte[0];
    Optional<byte[]> from = Optional.empty();
    Optional<byte[]> seqno = Optional.empty();
    Optional<byte[]> signature = Optional.empty();
    Optional<byte[]> key = Optional.empty();
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      switch (field) {
        case 1 -> from = Optional.of(reader.readBytes(limits.maxTopicBytes()));
        case 2 -> data = reader.readBytes(limits.maxDataBytes());
        case 3 -> seqno = Optional.of(reader.readBytes(limits.maxTopicBytes()));
        case 4 -> topic = string(reader);
        case 5 -> signature = Optional.of(reader.readBytes(limits.maxTopicBytes()));
        case 6 -> key = Optional.of(reader.readBytes(limits.maxTopicBytes()));
        default -> reader.skip();
      }
    }
    // topic is `required` in rpc.proto.
    check(reader, topic != null, "message without topic");
    return new GossipMessage(topic, data, from, seqno, signature, key);
  }

  private Control decodeControl(
      final ProtoReader reader, final Counter ids, final Counter entries) {
    final List<IHave> ihave = new ArrayList<>();
    final List<IWant> iwant = new ArrayList<>();
    final List<Graft> graft = new ArrayList<>();
    final List<Prune> prune = new ArrayList<>();
    final List<IDontWant> idontwant = new ArrayList<>();
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      if (field >= 1 && field <= 5) {
        entries.add(reader);
      }
      switch (field) {
        case 1 -> ihave.add(decodeIHave(reader.readMessage(limits.maxRpcBytes()), ids));
        case 2 -> iwant.add(new IWant(decodeIds(reader.readMessage(limits.maxRpcBytes()), 1, ids)));
        case 3 -> graft.add(new Graft(decodeTopicOnly(reader.readMessage(limits.maxRpcBytes()))));
        case 4 -> prune.add(decodePrune(reader.readMessage(limits.maxRpcBytes())));
        case 5 ->
            idontwant.add(
                new IDontWant(decodeIds(reader.readMessage(limits.maxRpcBytes()), 1, ids)));
        default -> reader.skip();
      }
    }
    return new Control(ihave, iwant, graft, prune, idontwant);
  }

  private IHave decodeIHave(final ProtoReader reader, final Counter ids) {
    String topic = "";
    final List<byte[]> messageIds = new ArrayList<>();
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      switch (field) {
        case 1 -> topic = string(reader);
        case 2 -> {
          ids.add(reader);
          messageIds.add(reader.readBytes(limits.maxMessageIdBytes()));
        }
        default -> reader.skip();
      }
    }
    return new IHave(topic, messageIds);
  }

  private List<byte[]> decodeIds(final ProtoReader reader, final int idField, final Counter ids) {
    final List<byte[]> messageIds = new ArrayList<>();
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      if (field == idField) {
        ids.add(reader);
        messageIds.add(reader.readBytes(limits.maxMessageIdBytes()));
      } else {
        reader.skip();
      }
    }
    return messageIds;
  }

  private String decodeTopicOnly(final ProtoReader reader) {
    String topic = "";
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      if (field == 1) {
        topic = string(reader);
      } else {
        reader.skip();
      }
    }
    return topic;
  }

  private Prune decodePrune(final ProtoReader reader) {
    String topic = "";
    final List<PeerInfo> peers = new ArrayList<>();
    Optional<Long> backoff = Optional.empty();
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      switch (field) {
        case 1 -> topic = string(reader);
        case 2 -> {
          check(reader, peers.size() < limits.maxPrunePeers(), "too many peers in PRUNE");
          peers.add(decodePeerInfo(reader.readMessage(limits.maxRpcBytes())));
        }
        case 3 -> backoff = Optional.of(reader.readVarint());
        default -> reader.skip();
      }
    }
    return new Prune(topic, peers, backoff);
  }

  private PeerInfo decodePeerInfo(final ProtoReader reader) {
    Optional<byte[]> peerId = Optional.empty();
    Optional<byte[]> record = Optional.empty();
    for (int field = reader.nextField(); field != -1; field = reader.nextField()) {
      switch (field) {
        case 1 -> peerId = Optional.of(reader.readBytes(limits.maxTopicBytes()));
        case 2 -> record = Optional.of(reader.readBytes(4096));
        default -> reader.skip();
      }
    }
    return new PeerInfo(peerId, record);
  }

  private String string(final ProtoReader reader) {
    return new String(reader.readBytes(limits.maxTopicBytes()), StandardCharsets.UTF_8);
  }

  private static ProtoWriter encodeMessage(final GossipMessage m) {
    final ProtoWriter out = new ProtoWriter(m.dataLength() + ENVELOPE_BYTES);
    m.from().ifPresent(v -> out.bytes(1, v));
    out.bytes(2, m.data());
    m.seqno().ifPresent(v -> out.bytes(3, v));
    out.string(4, m.topic());
    m.signature().ifPresent(v -> out.bytes(5, v));
    m.key().ifPresent(v -> out.bytes(6, v));
    return out;
  }

  private static byte[] encodeControl(final Control control) {
    final ProtoWriter out = new ProtoWriter();
    for (final IHave i : control.ihave()) {
      final ProtoWriter entry = new ProtoWriter().string(1, i.topic());
      i.messageIds().forEach(id -> entry.bytes(2, id));
      out.bytes(1, entry.toByteArray());
    }
    for (final IWant i : control.iwant()) {
      final ProtoWriter entry = new ProtoWriter();
      i.messageIds().forEach(id -> entry.bytes(1, id));
      out.bytes(2, entry.toByteArray());
    }
    for (final Graft g : control.graft()) {
      out.bytes(3, new ProtoWriter().string(1, g.topic()).toByteArray());
    }
    for (final Prune p : control.prune()) {
      final ProtoWriter entry = new ProtoWriter().string(1, p.topic());
      for (final PeerInfo peer : p.peers()) {
        final ProtoWriter info = new ProtoWriter();
        peer.peerId().ifPresent(v -> info.bytes(1, v));
        peer.signedPeerRecord().ifPresent(v -> info.bytes(2, v));
        entry.bytes(2, info.toByteArray());
      }
      p.backoffSeconds().ifPresent(b -> entry.varint(3, b));
      out.bytes(4, entry.toByteArray());
    }
    for (final IDontWant i : control.idontwant()) {
      final ProtoWriter entry = new ProtoWriter();
      i.messageIds().forEach(id -> entry.bytes(1, id));
      out.bytes(5, entry.toByteArray());
    }
    return out.toByteArray();
  }

  private static void check(final ProtoReader reader, final boolean ok, final String problem) {
    if (!ok) {
      throw reader.error(problem);
    }
  }

  /** Counts entries across the whole RPC against one limit. */
  private static final class Counter {
    private final String what;
    private final int max;
    private int count;

    Counter(final String what, final int max) {
      this.what = what;
      this.max = max;
    }

    void add(final ProtoReader reader) {
      if (++count > max) {
        throw reader.error("more than " + max + " " + what);
      }
    }
  }
}

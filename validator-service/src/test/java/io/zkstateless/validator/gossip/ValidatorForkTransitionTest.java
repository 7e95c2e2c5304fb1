package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.fork.BlobParameters;
import io.zkstateless.common.model.fork.ForkDigest;
import io.zkstateless.common.model.fork.ForkSchedule;
import io.zkstateless.common.model.proof.ExecutionProof;
import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.proof.ExecutionProofSubnetId;
import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.common.model.proof.mock.MockProofScheme;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.eth2.Eth2GossipNode;
import io.zkstateless.common.p2p.eth2.Eth2NodeConfig;
import io.zkstateless.common.p2p.eth2.ExecutionProofGossipCodec;
import io.zkstateless.common.p2p.eth2.GossipTopic;
import io.zkstateless.common.p2p.gossip.GossipValidator;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.fork.GossipForkDigests;
import io.zkstateless.validator.ingest.IngestMetrics;
import io.zkstateless.validator.ingest.IngestProperties;
import io.zkstateless.validator.ingest.ProofIngestionPipeline;
import io.zkstateless.validator.tracking.ProvenChainListener;
import io.zkstateless.validator.tracking.ProvenChainService;
import io.zkstateless.validator.tracking.ProvenViewFixture;
import io.zkstateless.validator.verify.MockProofVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.util.unit.DataSize;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fork on the beacon node's schedule, lived through by the validator's p2p node on a clock the
 * test moves: Electra until epoch 100, then Fulu (v6). At epoch 97 only the Electra topics are
 * joined; from epoch 98 (two before the fork) the Fulu ones too, and a proof published on a Fulu
 * topic is taken in and stored; at epoch 102 (two after) the Electra topics are left. A peer sees
 * each change as the validator's subscriptions to the topics.
 */
class ValidatorForkTransitionTest {

  private static final int MOCK = 7;
  private static final long EPOCH_SECONDS = 12 * 32;
  private static final Bytes32 GVR = Bytes32.fromHex("0x" + "4b".repeat(32));
  private static final ForkSchedule SCHEDULE =
      new ForkSchedule(
          GVR,
          0,
          12,
          32,
          List.of(
              new ForkSchedule.Fork(Hex.decode("0x05000000"), 0),
              new ForkSchedule.Fork(Hex.decode("0x06000000"), 100)),
          100,
          new BlobParameters(0, 9),
          List.of());
  private static final String ELECTRA = SCHEDULE.digestAt(99).hex();
  private static final String FULU = SCHEDULE.digestAt(100).hex();
  private static final Bytes32 PAYLOAD = Bytes32.fromHex("0x" + "55".repeat(32));

  private final MovableClock clock = new MovableClock(epochStart(97));
  private final ExecutorService replays = Executors.newSingleThreadExecutor();
  private Eth2GossipNode peer;
  private ValidatorP2pNode validator;
  private ProvenChainService chain;
  private ProvenViewFixture view;

  @BeforeEach
  void start() throws Exception {
    view = new ProvenViewFixture();
    chain = view.service(ProvenChainListener.NOOP, clock);
    chain.anchor(new BeaconBlock(Bytes32.fromHex("0x" + "11".repeat(32)), 0, Bytes32.ZERO, Bytes32.ZERO, 0, Instant.EPOCH));
    chain.recordBlock(
        new BeaconBlock(Bytes32.fromHex("0x" + "44".repeat(32)), 1, Bytes32.fromHex("0x" + "11".repeat(32)), PAYLOAD, 1, Instant.EPOCH));
    final ProofIngestionPipeline pipeline =
        new ProofIngestionPipeline(
            chain,
            ProofTypeRegistry.defaults(),
            Map.of(MOCK, new MockProofVerifier()),
            new IngestProperties(Map.of(), 16, Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofDays(7), 1, 3, 100),
            new IngestMetrics(new SimpleMeterRegistry()),
            clock,
            replays);
    peer =
        new Eth2GossipNode(
            Eth2NodeConfig.of(
                Secp256k1PrivateKey.generate(), Multiaddr.fromString("/ip4/127.0.0.1/tcp/0"), List.of(), FULU),
            (from, m) -> CompletableFuture.completedFuture(GossipValidator.Result.ACCEPT),
            (id, message) -> {});
    peer.start();
    peer.subscribe(topic(ELECTRA));
    peer.subscribe(topic(FULU));
    final P2pProperties p2p =
        new P2pProperties(
            null,
            "127.0.0.1",
            0,
            null,
            List.of(peer.listenAddresses().get(0).withPeerId(peer.peerId()).toString()),
            16,
            Duration.ofMinutes(1),
            1,
            16,
            DataSize.ofMegabytes(64),
            2,
            2,
            Duration.ofHours(1),
            P2pProperties.RateLimit.DEFAULT);
    validator =
        new ValidatorP2pNode(
            p2p,
            8,
            new GossipForkDigests.Scheduled(SCHEDULE, 2, 2),
            clock,
            disconnect ->
                new GossipProofInput(
                    pipeline,
                    new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16)),
                    new PeerRejectTracker(16, Duration.ofMinutes(1)),
                    disconnect,
                    new GossipMetrics(new SimpleMeterRegistry()),
                    clock),
            Optional.empty(),
            new SimpleMeterRegistry());
    validator.start();
  }

  @AfterEach
  void stop() {
    validator.close();
    peer.close();
    replays.shutdownNow();
    view.close();
  }

  @Test
  void joinsTheNextForkTwoEpochsBeforeAndLeavesTheOldOneTwoEpochsAfter() {
    assertThat(ELECTRA).isNotEqualTo(FULU);
    assertThat(validator.forkDigests()).containsExactly(ELECTRA);
    await().atMost(Duration.ofSeconds(20)).until(() -> peer.topicPeerCount(topic(ELECTRA)) == 1);
    assertThat(peer.topicPeerCount(topic(FULU))).isZero();

    clock.set(epochStart(98));
    validator.updateSubscriptions();
    assertThat(validator.forkDigests()).containsExactlyInAnyOrder(ELECTRA, FULU);
    await().atMost(Duration.ofSeconds(20)).until(() -> peer.topicPeerCount(topic(FULU)) == 1);

    // A proof on the next fork's topic is taken in before the fork.
    final ExecutionProof proof =
        new ExecutionProof(
            PAYLOAD,
            ExecutionProofSubnetId.of(MOCK),
            1,
            ImmutableBytes.of(MockProofScheme.create(PAYLOAD, MOCK, 2048)),
            clock.instant().getEpochSecond());
    peer.publish(
        topic(FULU),
        new ExecutionProofGossipCodec(ExecutionProofSchema.DEFAULT).encode(proof));
    await().atMost(Duration.ofSeconds(20)).until(() -> chain.hasValidProof(PAYLOAD, MOCK));

    clock.set(epochStart(101));
    validator.updateSubscriptions();
    assertThat(validator.forkDigests()).containsExactlyInAnyOrder(ELECTRA, FULU);

    clock.set(epochStart(102));
    validator.updateSubscriptions();
    assertThat(validator.forkDigests()).containsExactly(FULU);
    await().atMost(Duration.ofSeconds(20)).until(() -> peer.topicPeerCount(topic(ELECTRA)) == 0);
    assertThat(peer.topicPeerCount(topic(FULU))).isEqualTo(1);
  }

  @Test
  void aFixedDigestNeverChanges() {
    final GossipForkDigests fixed = new GossipForkDigests.Fixed(ForkDigest.fromHex("0xbfe0d3f4"));
    assertThat(fixed.at(epochStart(0))).containsExactly("bfe0d3f4");
    assertThat(fixed.at(epochStart(1_000_000))).containsExactly("bfe0d3f4");
    assertThat(new GossipForkDigests.Scheduled(SCHEDULE, 2, 2).all())
        .isEqualTo(Set.of(ELECTRA, FULU));
  }

  private static GossipTopic topic(final String digest) {
    return Eth2GossipNode.executionProofTopic(digest, MOCK);
  }

  private static Instant epochStart(final long epoch) {
    return Instant.ofEpochSecond(epoch * EPOCH_SECONDS);
  }

  /** A clock the test sets. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(final Instant start) {
      this.now = start;
    }

    void set(final Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

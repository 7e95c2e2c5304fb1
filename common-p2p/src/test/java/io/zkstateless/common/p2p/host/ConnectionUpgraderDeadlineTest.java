package io.zkstateless.common.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.transport.ConnectionRejections;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The upgrade deadline is a task on the channel's event loop that holds the channel; a connection
 * whose upgrade ended (here: junk before any handshake) must not leave it behind, or a flood of
 * junk connections keeps every closed channel, pipeline and buffer for the whole timeout (issue
 * #9: 24,000 dead channels live after a full GC at 2,000 junk connections/s and a 10 s timeout).
 */
class ConnectionUpgraderDeadlineTest {

  @Test
  void anUpgradeThatFailedLeavesNoDeadlinePending() {
    final ConnectionUpgrader upgrader =
        new ConnectionUpgrader(
            Secp256k1PrivateKey.generate(),
            Duration.ofSeconds(10),
            HostConfig.DEFAULT_MUXERS,
            stream -> stream.reset(),
            new ConnectionRejections());
    final EmbeddedChannel channel = new EmbeddedChannel();
    final CompletableFuture<Connection> upgrade =
        upgrader.upgrade(channel, false, Optional.empty());
    assertThat(channel.runScheduledPendingTasks()).as("the deadline is pending").isPositive();

    channel.writeInbound(Unpooled.wrappedBuffer(Hex.decode("ffffffff0f"))); // a 4 GiB line

    assertThat(upgrade).isCompletedExceptionally();
    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.runScheduledPendingTasks())
        .as("no task left holding the channel")
        .isEqualTo(-1);
    channel.finishAndReleaseAll();
  }
}

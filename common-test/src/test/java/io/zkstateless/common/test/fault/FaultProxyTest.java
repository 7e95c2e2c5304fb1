package io.zkstateless.common.test.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each fault against a real echo server. Time is asserted only as a lower bound (a fault can only
 * make things slower), so a loaded machine cannot fail these.
 */
class FaultProxyTest {

  private EchoServer echo;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.to("127.0.0.1", echo.port());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void passesBytesUnchangedWithoutFaults() throws IOException {
    try (Socket socket = connect()) {
      final byte[] payload = new byte[100_000];
      Arrays.fill(payload, (byte) 7);
      assertThat(roundTrip(socket, payload)).isEqualTo(payload);
    }
  }

  @Test
  void latencyDelaysEachDirection() throws IOException {
    proxy.latency(Duration.ofMillis(150), Duration.ofMillis(50));
    try (Socket socket = connect()) {
      final long start = System.nanoTime();
      assertThat(roundTrip(socket, new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
    proxy.latency(Duration.ZERO, Duration.ZERO);
    assertThat(proxy.toxics()).isEqualTo(Toxics.NONE);
  }

  @Test
  void latencyDelaysAStreamOnceNotOncePerChunk() throws IOException {
    proxy.latency(Duration.ofMillis(250), Duration.ZERO);
    try (Socket socket = connect()) {
      final byte[] payload = new byte[4 * 1024 * 1024];
      Arrays.fill(payload, (byte) 3);
      final long start = System.nanoTime();
      assertThat(roundTrip(socket, payload)).isEqualTo(payload);
      final Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500));
      // Delaying each 16 KiB chunk in turn would take 256 x 250 ms = 64 s each way: a cap of
      // 64 KiB/s, not a latency. A pipelined link takes about a second (1 MiB in flight per 250 ms).
      assertThat(took).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void bandwidthCapSlowsTransfers() throws IOException {
    proxy.bandwidth(40_000);
    try (Socket socket = connect()) {
      final long start = System.nanoTime();
      assertThat(roundTrip(socket, new byte[40_000])).hasSize(40_000);
      // 40 kB at 40 kB/s takes a second each way; the two directions overlap, so at least one.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
  }

  @Test
  void cutClosesOpenConnectionsRefusesNewOnesAndRestoreHeals() throws IOException {
    try (Socket before = connect()) {
      assertThat(roundTrip(before, new byte[] {1})).containsExactly(1);
      proxy.cut();
      assertThat(before.getInputStream().read()).isEqualTo(-1);
    }
    try (Socket during = connect()) {
      assertThat(during.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(proxy.openConnections()).isZero();
    proxy.restore();
    try (Socket after = connect()) {
      assertThat(roundTrip(after, new byte[] {4, 5})).containsExactly(4, 5);
    }
  }

  @Test
  void blackHoleReadsButNeverAnswersNorClosesThenRestoreDropsTaintedConnections() throws Exception {
    try (Socket held = connect(); Socket idle = connect()) {
      assertThat(roundTrip(idle, new byte[] {1})).containsExactly(1);
      proxy.blackHole();
      final long echoedBefore = echo.received();
      held.getOutputStream().write(new byte[] {9, 9, 9});
      held.getOutputStream().flush();
      held.setSoTimeout(700);
      assertThatThrownBy(() -> held.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      try (Socket fresh = connect()) {
        fresh.getOutputStream().write(1);
        fresh.setSoTimeout(300);
        assertThatThrownBy(() -> fresh.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      }
      assertThat(echo.received()).isEqualTo(echoedBefore);
      assertThat(held.isClosed()).isFalse();

      proxy.restore();
      held.setSoTimeout(5_000);
      assertThat(held.getInputStream().read()).as("a connection that lost bytes is closed").isEqualTo(-1);
      assertThat(roundTrip(idle, new byte[] {2})).as("an idle one survives").containsExactly(2);
    }
  }

  @Test
  void closeEndsEveryConnectionAndIsIdempotent() throws IOException {
    final Socket socket = connect();
    assertThat(roundTrip(socket, new byte[] {1})).containsExactly(1);
    proxy.close();
    socket.setSoTimeout(5_000);
    assertThat(socket.getInputStream().read()).isEqualTo(-1);
    socket.close();
    proxy.close();
    assertThat(proxy.openConnections()).isZero();
  }

  private Socket connect() throws IOException {
    final Socket socket = new Socket("127.0.0.1", proxy.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static byte[] roundTrip(final Socket socket, final byte[] payload) throws IOException {
    final Thread writer = Thread.ofVirtual().start(() -> {
      try {
        socket.getOutputStream().write(payload);
        socket.getOutputStream().flush();
      } catch (final IOException e) {
        // The read below fails too and reports it.
      }
    });
    final InputStream in = socket.getInputStream();
    final byte[] back = in.readNBytes(payload.length);
    try {
      writer.join();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return back;
  }
}

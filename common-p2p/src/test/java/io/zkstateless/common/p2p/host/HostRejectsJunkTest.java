package io.zkstateless.common.p2p.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import io.zkstateless.common.p2p.multiformats.Multiaddr;
import io.zkstateless.common.p2p.multiformats.MultiaddrProtocol;
import io.zkstateless.common.p2p.ping.PingProtocol;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real socket sending junk to a listening host: the host closes it and counts it. */
class HostRejectsJunkTest {

  @Test
  void junkOnARawConnectionIsClosedAndCountedAsAViolation() throws Exception {
    final HostConfig config =
        HostConfig.of(Secp256k1PrivateKey.generate(), List.of(new PingProtocol()));
    try (Host host = new Host(config)) {
      final Multiaddr bound =
          host.listen(Multiaddr.fromString("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      final int port = Integer.parseInt(bound.valueOf(MultiaddrProtocol.TCP).orElseThrow());
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        // A multistream line declaring 4 GiB.
        socket.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        final InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
          // the host's multistream header, until it closes the connection
        }
      }
      assertThat(host.rejections().protocolViolations()).isEqualTo(1);
      assertThat(host.rejections().unexpectedErrors()).isZero();
    }
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.crypto.PeerId;
import io.zkstateless.common.p2p.crypto.Secp256k1PrivateKey;
import org.junit.jupiter.api.Test;

class ConcurrentRequestsTest {

  private static final PeerId A = PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());
  private static final PeerId B = PeerId.fromPublicKey(Secp256k1PrivateKey.generate().publicKey());

  @Test
  void admitsTwoRequestsPerPeerUntilOneFinishes() {
    final ConcurrentRequests requests = new ConcurrentRequests();
    assertThat(requests.tryAcquire(A)).isTrue();
    assertThat(requests.tryAcquire(A)).isTrue();
    assertThat(requests.tryAcquire(A)).isFalse();
    assertThat(requests.tryAcquire(B)).as("another peer has its own count").isTrue();
    assertThat(requests.inFlight(A)).isEqualTo(2);
    requests.release(A);
    assertThat(requests.tryAcquire(A)).isTrue();
    requests.release(A);
    requests.release(A);
    requests.release(A);
    assertThat(requests.inFlight(A)).as("never below zero").isZero();
  }
}

package io.zkstateless.validator.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.p2p.gossip.GossipRateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class P2pPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(P2pProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Properties.class);

  @Test
  void defaults() {
    runner.run(
        context -> {
          final P2pProperties p2p = context.getBean(P2pProperties.class);
          assertThat(p2p.listenAddress()).isEqualTo("0.0.0.0");
          assertThat(p2p.listenPort()).isEqualTo(9000);
          assertThat(p2p.identityKeyFile()).isNull();
          assertThat(p2p.staticPeers()).isEmpty();
          assertThat(p2p.rejectThreshold()).isEqualTo(16);
          assertThat(p2p.rejectWindow()).isEqualTo(Duration.ofMinutes(1));
          assertThat(p2p.validationThreads()).isEqualTo(2);
          assertThat(p2p.validationQueue()).isEqualTo(256);
          assertThat(p2p.forkDigest()).isNull();
          assertThat(p2p.rateLimit()).isEqualTo(P2pProperties.RateLimit.DEFAULT);
          assertThat(p2p.rateLimit().toGossipRateLimit()).isEqualTo(GossipRateLimit.DEFAULT);
        });
  }

  @Test
  void rateLimitBindsAndRefusesNonsense() {
    runner
        .withPropertyValues(
            "validator.p2p.rate-limit.messages-per-second=50",
            "validator.p2p.rate-limit.message-burst=100",
            "validator.p2p.rate-limit.bytes-per-second=8MB",
            "validator.p2p.rate-limit.byte-burst=16MB")
        .run(
            context ->
                assertThat(context.getBean(P2pProperties.class).rateLimit().toGossipRateLimit())
                    .isEqualTo(new GossipRateLimit(50, 100, 8 << 20, 16 << 20)));
    runner
        .withPropertyValues("validator.p2p.rate-limit.messages-per-second=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("messages-per-second must be positive"));
  }

  @Test
  void overridesBind() {
    runner
        .withPropertyValues(
            "validator.p2p.fork-digest=0xBFE0D3F4",
            "validator.p2p.listen-address=127.0.0.1",
            "validator.p2p.listen-port=9100",
            "validator.p2p.identity-key-file=/keys/node.key",
            "validator.p2p.static-peers=/ip4/10.0.0.5/tcp/9000/p2p/16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY",
            "validator.p2p.reject-threshold=3",
            "validator.p2p.reject-window=10s")
        .run(
            context -> {
              final P2pProperties p2p = context.getBean(P2pProperties.class);
              assertThat(p2p.forkDigestHex()).isEqualTo("bfe0d3f4");
              assertThat(p2p.listenAddress()).isEqualTo("127.0.0.1");
              assertThat(p2p.listenPort()).isEqualTo(9100);
              assertThat(p2p.identityKeyFile()).hasToString("/keys/node.key");
              assertThat(p2p.staticPeers()).hasSize(1);
              assertThat(p2p.rejectThreshold()).isEqualTo(3);
              assertThat(p2p.rejectWindow()).isEqualTo(Duration.ofSeconds(10));
            });
  }

  @Test
  void rejectsMalformedValues() {
    runner
        .withPropertyValues("validator.p2p.fork-digest=0x1234")
        .run(
            c -> assertThat(c).getFailure().hasStackTraceContaining("fork-digest must be 4 bytes"));
    runner
        .withPropertyValues("validator.p2p.static-peers=/ip4/10.0.0.5/tcp/9000")
        .run(c -> assertThat(c).getFailure().hasStackTraceContaining("/p2p/<peer id>"));
    runner
        .withPropertyValues("validator.p2p.listen-port=70000")
        .run(c -> assertThat(c).getFailure().hasStackTraceContaining("listenPort"));
    runner
        .withPropertyValues("validator.p2p.reject-window=0s")
        .run(c -> assertThat(c).getFailure().hasStackTraceContaining("reject-window"));
  }

  @Test
  void theForkDigestIsRequiredWhenTheNodeNeedsIt() {
    runner.run(
        context ->
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> context.getBean(P2pProperties.class).forkDigestHex())
                .hasMessageContaining("validator.p2p.fork-digest is required"));
  }
}

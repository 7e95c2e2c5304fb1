package io.zkstateless.broadcaster.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class BroadcasterPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({BroadcasterProperties.class, ZkSubnetProperties.class})
  static class Binding {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Binding.class);

  @Test
  void bindsDefaults() {
    runner
        .withPropertyValues("broadcaster.fork-digest=0xbfe0d3f4")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              final BroadcasterProperties p = context.getBean(BroadcasterProperties.class);
              assertThat(p.usefulnessWindow()).isEqualTo(Duration.ofSeconds(768));
              assertThat(p.retry().attempts()).isEqualTo(6);
              assertThat(p.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
              assertThat(p.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
              assertThat(p.retry().timeout()).isEqualTo(Duration.ofMinutes(5));
              assertThat(p.p2p().enabled()).isTrue();
              assertThat(p.p2p().listenPort()).isEqualTo(9000);
              assertThat(p.p2p().staticPeers()).isEmpty();
              assertThat(p.kafka().proofsTopic()).isEqualTo("execution-proofs");
              assertThat(p.kafka().deadLetterTopic()).isEqualTo("execution-proofs-dlt");
              assertThat(p.kafka().resultsTopic()).isEqualTo("broadcast-results");
              assertThat(ServedSubnets.from(p, context.getBean(ZkSubnetProperties.class)).ids())
                  .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
            });
  }

  @Test
  void bindsEverything() {
    runner
        .withPropertyValues(
            "broadcaster.beacon-url=http://beacon:5052",
            "broadcaster.usefulness-window=2m",
            "broadcaster.subnets=1,7",
            "zk.max-execution-proof-subnets=8",
            "broadcaster.retry.attempts=4",
            "broadcaster.retry.initial-backoff=200ms",
            "broadcaster.retry.multiplier=3",
            "broadcaster.retry.max-backoff=5s",
            "broadcaster.retry.timeout=1m",
            "broadcaster.p2p.listen-address=127.0.0.1",
            "broadcaster.p2p.listen-port=9100",
            "broadcaster.p2p.identity-key-file=/keys/node.key",
            "broadcaster.p2p.static-peers=/ip4/10.0.0.5/tcp/9000/p2p/16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              final BroadcasterProperties p = context.getBean(BroadcasterProperties.class);
              assertThat(p.beaconUrl()).hasToString("http://beacon:5052");
              assertThat(p.subnets()).isEqualTo(Set.of(1, 7));
              assertThat(p.retry().multiplier()).isEqualTo(3.0);
              assertThat(p.retry().initialBackoff()).isEqualTo(Duration.ofMillis(200));
              assertThat(p.p2p().identityKeyFile()).hasToString("/keys/node.key");
              assertThat(p.p2p().staticPeers()).hasSize(1);
            });
  }

  @Test
  void refusesContradictoryOrMissingForkDigestSources() {
    runner.run(
        context ->
            assertThat(context)
                .getFailure()
                .rootCause()
                .hasMessageContaining(
                    "exactly one of broadcaster.fork-digest and broadcaster.beacon-url"));
    runner
        .withPropertyValues(
            "broadcaster.fork-digest=bfe0d3f4", "broadcaster.beacon-url=http://b:5052")
        .run(
            context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("exactly one"));
    runner
        .withPropertyValues("broadcaster.fork-digest=0xbfe0d3")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("4 bytes of hex"));
  }

  @Test
  void validatesRanges() {
    runner
        .withPropertyValues("broadcaster.fork-digest=bfe0d3f4", "broadcaster.retry.attempts=1")
        .run(context -> assertThat(context).getFailure().hasStackTraceContaining("retry.attempts"));
    runner
        .withPropertyValues(
            "broadcaster.fork-digest=bfe0d3f4", "broadcaster.retry.max-backoff=10ms")
        .run(
            context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("max-backoff"));
    runner
        .withPropertyValues("broadcaster.fork-digest=bfe0d3f4", "broadcaster.p2p.listen-port=70000")
        .run(context -> assertThat(context).getFailure().hasStackTraceContaining("p2p.listenPort"));
    runner
        .withPropertyValues(
            "broadcaster.fork-digest=bfe0d3f4", "broadcaster.p2p.static-peers=10.0.0.5:9000")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("not a multiaddr"));
    runner
        .withPropertyValues("broadcaster.fork-digest=bfe0d3f4", "zk.max-execution-proof-subnets=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("maxExecutionProofSubnets"));
  }

  @Test
  void servedSubnetsMustExist() {
    runner
        .withPropertyValues("broadcaster.fork-digest=bfe0d3f4", "broadcaster.subnets=3,9")
        .run(
            context -> {
              final BroadcasterProperties p = context.getBean(BroadcasterProperties.class);
              final ZkSubnetProperties zk = context.getBean(ZkSubnetProperties.class);
              org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServedSubnets.from(p, zk))
                  .hasMessageContaining("subnet 9 is not below zk.max-execution-proof-subnets=8");
            });
  }
}

package io.zkstateless.validator.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;

class ZkChainPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({ZkChainProperties.class, ProofStoreProperties.class})
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Properties.class);

  @Test
  void defaultsFollowTheDesign() {
    runner.run(
        context -> {
          final ZkChainProperties zk = context.getBean(ZkChainProperties.class);
          assertThat(zk.statelessValidation()).isTrue();
          assertThat(zk.statelessMinProofsRequired()).isEqualTo(1);
          assertThat(zk.maxExecutionProofSubnets()).isEqualTo(8);
          assertThat(zk.generateExecutionProofs()).isFalse();
          final ProofStoreProperties store = context.getBean(ProofStoreProperties.class);
          assertThat(store.indexSize()).isEqualTo(10_000);
        });
  }

  @Test
  void overridesBind() {
    runner
        .withPropertyValues("zk.stateless-min-proofs-required=2", "validator.proof-store.index-size=500")
        .run(
            context -> {
              assertThat(context.getBean(ZkChainProperties.class).statelessMinProofsRequired()).isEqualTo(2);
              assertThat(context.getBean(ProofStoreProperties.class).indexSize()).isEqualTo(500);
            });
  }

  @Test
  void refusesToGenerateProofsWhileValidatingStatelessly() {
    runner
        .withPropertyValues("zk.generate-execution-proofs=true")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("cannot be combined with zk.stateless-validation"));
  }

  @Test
  void rejectsAMinimumOfZeroAndAMinimumAboveTheSubnetCount() {
    runner
        .withPropertyValues("zk.stateless-min-proofs-required=0")
        .run(context -> assertThat(context.getStartupFailure()).isNotNull());
    runner
        .withPropertyValues("zk.stateless-min-proofs-required=9")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("cannot exceed zk.max-execution-proof-subnets"));
  }
}

package io.zkstateless.prover.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import io.zkstateless.prover.watch.WatchProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Binder tests of the job pipeline's configuration records: defaults, overrides, rejections. */
class ProverPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    ZkChainProperties.class,
    ProofJobProperties.class,
    WorkersProperties.class,
    WatchProperties.class
  })
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Properties.class);

  @Test
  void defaultsMakeAProverOfMockProofs() {
    runner.run(
        context -> {
          final ZkChainProperties zk = context.getBean(ZkChainProperties.class);
          assertThat(zk.generateExecutionProofs()).isTrue();
          assertThat(zk.statelessValidation()).isFalse();
          assertThat(zk.proofTypeRegistry().byName("mock").subnet().value()).isEqualTo(7);
          final ProofJobProperties jobs = context.getBean(ProofJobProperties.class);
          assertThat(jobs.proverId()).isEqualTo("prover-1");
          assertThat(jobs.queueCapacity()).isEqualTo(256);
          assertThat(jobs.maxAttempts()).isEqualTo(3);
          assertThat(jobs.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
          assertThat(jobs.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
          assertThat(jobs.backoffAfter(30)).isEqualTo(Duration.ofSeconds(30));
          final WorkerProperties mock =
              context.getBean(WorkersProperties.class).pools().get("mock");
          assertThat(mock.kind()).isEqualTo(WorkerProperties.Kind.MOCK);
          assertThat(mock.count()).isEqualTo(1);
          assertThat(mock.mock().proofSize()).isEqualTo(262_144);
          assertThat(mock.breaker().failureThreshold()).isEqualTo(3);
          assertThat(context.getBean(WatchProperties.class).source())
              .isEqualTo(WatchProperties.Source.BEACON);
        });
  }

  @Test
  void overridesBindIncludingSeveralPoolsAndCustomProofTypes() {
    runner
        .withPropertyValues(
            "zk.proof-types.mock=7",
            "zk.proof-types.zisk=4",
            "prover.jobs.prover-id=gpu-box-2",
            "prover.jobs.max-attempts=5",
            "prover.workers.pools.mock.count=4",
            "prover.workers.pools.mock.mock.timing=per-gas",
            "prover.workers.pools.mock.mock.failure-rate=0.25",
            "prover.workers.pools.zisk.kind=mock",
            "prover.workers.pools.zisk.breaker.failure-threshold=7")
        .run(
            context -> {
              assertThat(
                      context
                          .getBean(ZkChainProperties.class)
                          .proofTypeRegistry()
                          .byName("zisk")
                          .id())
                  .isEqualTo(4);
              assertThat(context.getBean(ProofJobProperties.class).proverId())
                  .isEqualTo("gpu-box-2");
              final WorkersProperties workers = context.getBean(WorkersProperties.class);
              assertThat(workers.pools().get("mock").count()).isEqualTo(4);
              assertThat(workers.pools().get("mock").mock().timing())
                  .isEqualTo(WorkerProperties.Timing.PER_GAS);
              assertThat(workers.pools().get("mock").mock().failureRate()).isEqualTo(0.25);
              assertThat(workers.pools().get("zisk").breaker().failureThreshold()).isEqualTo(7);
              assertThat(workers.pools().get("zisk").mock().proofSize()).isEqualTo(262_144);
            });
  }

  @Test
  void anErePoolBindsOneEndpointPerWorkerAndItsSettings() {
    runner
        .withPropertyValues(
            "prover.workers.pools.sp1.kind=ere",
            "prover.workers.pools.sp1.count=2",
            "prover.workers.pools.sp1.ere.endpoints=http://ere-sp1-0:3000,http://ere-sp1-1:3000",
            "prover.workers.pools.sp1.ere.schema-revision=eest-v0-3-3",
            "prover.workers.pools.sp1.ere.prove-timeout=PT4M",
            "prover.workers.pools.sp1.ere.verify-after-prove=true",
            "prover.workers.pools.sp1.ere.program-vk-sha256=0x" + "ab".repeat(32))
        .run(
            context -> {
              final WorkerProperties sp1 =
                  context.getBean(WorkersProperties.class).pools().get("sp1");
              assertThat(sp1.kind()).isEqualTo(WorkerProperties.Kind.ERE);
              assertThat(sp1.ere().endpoints()).hasSize(2);
              assertThat(sp1.ere().endpoints().get(1).getHost()).isEqualTo("ere-sp1-1");
              assertThat(sp1.ere().schemaRevision())
                  .isEqualTo(StatelessSchemaRevision.EEST_V0_3_3);
              assertThat(sp1.ere().proveTimeout()).isEqualTo(Duration.ofMinutes(4));
              assertThat(sp1.ere().verifyAfterProve()).isTrue();
              assertThat(sp1.ere().checkPublicValues()).isTrue();
              assertThat(sp1.ere().chainId()).isZero();
            });
    runner
        .withPropertyValues(
            "prover.workers.pools.sp1.kind=ere",
            "prover.workers.pools.sp1.ere.program-vk-sha256=not-hex")
        .run(context -> assertThat(context.getStartupFailure()).isNotNull());
    final WorkerProperties defaults =
        new WorkersProperties(null).pools().get("mock");
    assertThat(defaults.ere().schemaRevision()).isEqualTo(StatelessSchemaRevision.AMSTERDAM_1501);
  }

  @Test
  void refusesToRunWithoutGeneratingProofsOrWhileValidatingStatelessly() {
    runner
        .withPropertyValues("zk.stateless-validation=true")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("cannot be combined with zk.stateless-validation"));
    runner
        .withPropertyValues("zk.generate-execution-proofs=false")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("needs zk.generate-execution-proofs=true"));
  }

  @Test
  void rejectsBadValues() {
    runner
        .withPropertyValues("zk.proof-types.sp1=9")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("subnet_id 9 is out of range"));
    runner
        .withPropertyValues("prover.jobs.job-timeout=PT10M", "prover.jobs.lease-duration=PT10M")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("lease-duration"));
    runner
        .withPropertyValues("prover.workers.pools.mock.mock.failure-rate=1.5")
        .run(context -> assertThat(context.getStartupFailure()).isNotNull());
    runner
        .withPropertyValues("prover.workers.pools.mock.count=0")
        .run(context -> assertThat(context.getStartupFailure()).isNotNull());
    runner
        .withPropertyValues("prover.jobs.prover-id=has space")
        .run(context -> assertThat(context.getStartupFailure()).isNotNull());
  }

  @Test
  void zkboostPoolsBindWithDefaults() {
    runner
        .withPropertyValues(
            "prover.workers.pools.sp1.kind=zkboost",
            "prover.workers.pools.sp1.zkboost.url=http://zkboost:3000",
            "prover.workers.pools.sp1.zkboost.proof-type=reth-sp1",
            "prover.workers.pools.sp1.zkboost.proof-timeout=PT2M")
        .run(
            context -> {
              final WorkerProperties sp1 =
                  context.getBean(WorkersProperties.class).pools().get("sp1");
              assertThat(sp1.kind()).isEqualTo(WorkerProperties.Kind.ZKBOOST);
              assertThat(sp1.zkboost().url()).hasToString("http://zkboost:3000");
              assertThat(sp1.zkboost().proofType()).isEqualTo("reth-sp1");
              assertThat(sp1.zkboost().proofTimeout()).isEqualTo(Duration.ofMinutes(2));
              assertThat(sp1.zkboost().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
              assertThat(sp1.zkboost().stallTimeout()).isEqualTo(Duration.ofSeconds(45));
              assertThat(sp1.zkboost().maxProofBytes()).isEqualTo(4 * 1024 * 1024);
            });
  }
}

package io.zkstateless.deploy;

import static io.zkstateless.deploy.HelmChart.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Non-root pods, read-only root filesystems, and secrets that stay in Secrets. */
class HelmSecurityTest {

  private static final String DB_PASSWORD = "not-a-real-password";
  private static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  static Stream<String> scenarios() {
    return HelmComponentsTest.scenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyPodRunsAsNonRootWithoutPrivilegeEscalation(final String scenario) {
    final Map<String, PodTemplateSpec> pods =
        Workloads.podTemplates(ChartScenarios.rendered(scenario));

    assertThat(pods).isNotEmpty();
    pods.forEach(
        (name, pod) -> {
          final PodSecurityContext podContext = pod.getSpec().getSecurityContext();
          assertThat(podContext.getRunAsNonRoot()).as(name).isTrue();
          assertThat(podContext.getRunAsUser()).as(name).isEqualTo(65532L);
          assertThat(podContext.getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
          for (final Container container : pod.getSpec().getContainers()) {
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                .as(container.getName())
                .isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop())
                .as(container.getName())
                .containsExactly("ALL");
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void serviceContainersHaveAReadOnlyRootAndAWritableTmp(final String scenario) {
    final Manifests manifests = ChartScenarios.rendered(scenario);
    for (final String service : new String[] {"prover", "broadcaster", "validator"}) {
      final PodTemplateSpec pod = Workloads.podTemplates(manifests).get(PREFIX + service);
      if (pod == null) {
        continue;
      }
      final Container container = Workloads.container(manifests, PREFIX + service, service);
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(service).isTrue();
      // snappy-java unpacks its native library under java.io.tmpdir (/tmp in the image).
      assertThat(container.getVolumeMounts())
          .as(service)
          .anyMatch(m -> m.getMountPath().equals("/tmp") && !Boolean.TRUE.equals(m.getReadOnly()));
      assertThat(pod.getSpec().getVolumes())
          .anyMatch(v -> v.getName().equals("tmp") && v.getEmptyDir() != null);
    }
  }

  @Test
  void databaseCredentialsAndAdminTokenComeFromSecretsOnly() {
    final Manifests manifests = ChartScenarios.rendered(ChartScenarios.EXTERNAL_DEPS);

    final Secret database = manifests.named(Secret.class, PREFIX + "postgresql");
    assertThat(database.getStringData())
        .containsEntry("username", "zkstateless")
        .containsEntry("password", DB_PASSWORD);
    final Secret admin = manifests.named(Secret.class, PREFIX + "admin");
    assertThat(admin.getStringData()).containsEntry("admin-token", ADMIN_TOKEN);

    for (final String service : new String[] {"prover", "validator"}) {
      final Container container = Workloads.container(manifests, PREFIX + service, service);
      assertSecretRef(container, "DB_USER", PREFIX + "postgresql", "username");
      assertSecretRef(container, "DB_PASSWORD", PREFIX + "postgresql", "password");
    }
    for (final String service : new String[] {"prover", "broadcaster", "validator"}) {
      assertSecretRef(
          Workloads.container(manifests, PREFIX + service, service),
          "ADMIN_TOKEN",
          PREFIX + "admin",
          "admin-token");
    }
    // The broadcaster has no database.
    assertThat(
            Workloads.env(
                Workloads.container(manifests, PREFIX + "broadcaster", "broadcaster"),
                "DB_PASSWORD"))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void noSecretValueAppearsInAConfigMapOrAPlainEnvVar(final String scenario) {
    final Manifests manifests = ChartScenarios.rendered(scenario);

    for (final ConfigMap configMap : manifests.ofType(ConfigMap.class)) {
      assertThat(configMap.getData().values())
          .as(configMap.getMetadata().getName())
          .noneMatch(
              text ->
                  text.contains(DB_PASSWORD)
                      || text.contains(ADMIN_TOKEN)
                      || text.contains("password"));
    }
    Workloads.podTemplates(manifests).values().stream()
        .flatMap(pod -> pod.getSpec().getContainers().stream())
        .flatMap(c -> c.getEnv() == null ? Stream.<EnvVar>empty() : c.getEnv().stream())
        .filter(env -> env.getName().equals("DB_PASSWORD") || env.getName().equals("ADMIN_TOKEN"))
        .forEach(env -> assertThat(env.getValue()).as(env.getName()).isNull());
  }

  @Test
  void existingSecretsAreReferencedAndNotCreated() {
    final Manifests manifests =
        HelmChart.render(
            HelmChart.scenario(ChartScenarios.DEFAULT),
            Map.of("adminToken.existingSecret", "ops-admin", "adminToken.key", "token"));

    assertThat(manifests.ofType(Secret.class)).isEmpty();
    final Container validator = Workloads.container(manifests, PREFIX + "validator", "validator");
    assertSecretRef(validator, "DB_PASSWORD", "zk-stateless-postgresql", "password");
    assertSecretRef(validator, "ADMIN_TOKEN", "ops-admin", "token");
  }

  @Test
  void withoutATokenTheAdminApiStaysOff() {
    final Container prover =
        Workloads.container(
            ChartScenarios.rendered(ChartScenarios.DEFAULT), PREFIX + "prover", "prover");

    assertThat(Workloads.env(prover, "ADMIN_TOKEN")).isEmpty();
  }

  @Test
  void aTokenTheServicesWouldRefuseFailsTheRender() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    HelmChart.scenario(ChartScenarios.DEFAULT),
                    Map.of("adminToken.value", "too-short")))
        .hasMessageContaining("/adminToken/value")
        .hasMessageContaining("minLength: got 9, want 16");
  }

  @Test
  void aChartMadeDatabaseSecretNeedsAPassword() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    HelmChart.scenario(ChartScenarios.DEFAULT),
                    Map.of("postgresql.auth.existingSecret", "", "postgresql.auth.username", "zk")))
        .hasMessageContaining("postgresql.auth.password is required");
  }

  @Test
  void oneP2pIdentityCannotBeSharedByReplicas() {
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    HelmChart.scenario(ChartScenarios.MONITORING),
                    Map.of("broadcaster.replicas", "2")))
        .hasMessageContaining("gives every replica the same peer id");
  }

  private static void assertSecretRef(
      final Container container, final String env, final String secret, final String key) {
    final EnvVar variable =
        Workloads.env(container, env)
            .orElseThrow(() -> new AssertionError(container.getName() + " has no " + env));
    assertThat(variable.getValue()).as(env).isNull();
    assertThat(variable.getValueFrom().getSecretKeyRef().getName()).as(env).isEqualTo(secret);
    assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).as(env).isEqualTo(key);
  }
}

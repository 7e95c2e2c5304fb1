package io.zkstateless.deploy;

import static io.zkstateless.deploy.HelmChart.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every environment variable and ConfigMap key the chart sets is one the service reads: a
 * placeholder of its application.yaml or a component of its configuration records (relaxed
 * binding). A misspelt variable would otherwise be ignored silently by Spring.
 */
class HelmSettingsReachServicesTest {

  /** Read by Spring Boot or the JVM themselves, not by our configuration classes. */
  private static final Set<String> PLATFORM_ENV =
      Set.of("SPRING_CONFIG_ADDITIONAL_LOCATION", "JDK_JAVA_OPTIONS");

  private static final Map<String, String> MODULES =
      Map.of(
          "prover", "prover-service",
          "broadcaster", "broadcaster-service",
          "validator", "validator-service");

  static Stream<String> scenarios() {
    return HelmComponentsTest.scenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyEnvironmentVariableIsReadByItsService(final String scenario) {
    final Manifests manifests = ChartScenarios.rendered(scenario);
    final List<String> unread = new ArrayList<>();
    MODULES.forEach(
        (service, module) -> {
          if (!Workloads.podTemplates(manifests).containsKey(PREFIX + service)) {
            return;
          }
          final BoundProperties bound = BoundProperties.of(module);
          final Container container = Workloads.container(manifests, PREFIX + service, service);
          for (final EnvVar env : container.getEnv()) {
            if (!PLATFORM_ENV.contains(env.getName()) && !bound.readsEnv(env.getName())) {
              unread.add(service + ": " + env.getName());
            }
          }
        });
    assertThat(unread).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyConfigMapKeyIsBoundByItsService(final String scenario) {
    final Manifests manifests = ChartScenarios.rendered(scenario);
    final List<String> unbound = new ArrayList<>();
    MODULES.forEach(
        (service, module) -> {
          if (!Workloads.podTemplates(manifests).containsKey(PREFIX + service)) {
            return;
          }
          final BoundProperties bound = BoundProperties.of(module);
          final Map<String, Object> config =
              HelmDependenciesTest.applicationYaml(manifests, service);
          for (final String key : leafKeys("", config)) {
            // spring.* is Spring Boot's own (Kafka client properties here).
            if (!key.startsWith("spring.") && !bound.binds(key)) {
              unbound.add(service + ": " + key);
            }
          }
        });
    assertThat(unbound).isEmpty();
  }

  @Test
  void theCheckTellsAMisspeltVariableFromARealOne() {
    final BoundProperties broadcaster = BoundProperties.of("broadcaster-service");

    assertThat(broadcaster.readsEnv("BROADCASTER_P2P_LISTENPORT")).isTrue();
    assertThat(broadcaster.readsEnv("BROADCASTER_FORKDIGEST")).isTrue();
    assertThat(broadcaster.readsEnv("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
    assertThat(broadcaster.readsEnv("BROADCASTER_FORK_DIGEST")).isFalse();
    assertThat(broadcaster.readsEnv("BROADCASTER_P2P_PORT")).isFalse();
    assertThat(BoundProperties.of("validator-service").binds("validator.ingest.verifiers.mock"))
        .isTrue();
    // A map of records (prover.workers.pools.<type>) takes any key, then only the record's fields.
    final BoundProperties prover = BoundProperties.of("prover-service");
    assertThat(prover.binds("prover.workers.pools.sp1.kind")).isTrue();
    assertThat(prover.binds("prover.workers.pools.sp1.ere.endpoints")).isTrue();
    assertThat(prover.binds("prover.workers.pools.zisk.ere.prove-timeout")).isTrue();
    assertThat(prover.binds("prover.workers.pools.sp1.ere.endpoint")).isFalse();
    assertThat(prover.binds("prover.workers.pools.sp1.ere.timeout")).isFalse();
    assertThat(prover.binds("prover.workers.pools.sp1.erre.endpoints")).isFalse();
    assertThat(prover.binds("zk.proof-types.zisk")).isTrue();
  }

  private static List<String> leafKeys(final String prefix, final Map<?, ?> map) {
    final List<String> keys = new ArrayList<>();
    map.forEach(
        (key, value) -> {
          final String path = prefix.isEmpty() ? key.toString() : prefix + "." + key;
          if (value instanceof Map<?, ?> nested) {
            keys.addAll(leafKeys(path, nested));
          } else {
            keys.add(path);
          }
        });
    return keys;
  }
}

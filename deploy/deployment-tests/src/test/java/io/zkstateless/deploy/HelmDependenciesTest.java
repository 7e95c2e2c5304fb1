package io.zkstateless.deploy;

import static io.zkstateless.deploy.HelmChart.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** External Kafka, PostgreSQL, beacon and execution nodes land where the services read them. */
class HelmDependenciesTest {

  private final Manifests external = ChartScenarios.rendered(ChartScenarios.EXTERNAL_DEPS);

  @Test
  void kafkaBootstrapServersReachEveryService() {
    for (final String service : new String[] {"prover", "broadcaster", "validator"}) {
      assertThat(
              Workloads.envValue(
                  Workloads.container(external, PREFIX + service, service),
                  "KAFKA_BOOTSTRAP_SERVERS"))
          .as(service)
          .isEqualTo("b-1.kafka.example.internal:9094,b-2.kafka.example.internal:9094");
    }
  }

  @Test
  void kafkaClientPropertiesGoIntoEachServicesConfig() {
    for (final String service : new String[] {"prover", "broadcaster", "validator"}) {
      final Map<String, Object> config = applicationYaml(external, service);
      assertThat(nested(config, "spring", "kafka", "properties"))
          .as(service)
          .isEqualTo(Map.of("security.protocol", "SSL"));
    }
  }

  @Test
  void eachDatabaseServiceGetsItsOwnJdbcUrl() {
    assertThat(
            Workloads.envValue(
                Workloads.container(external, PREFIX + "prover", "prover"), "DB_URL"))
        .isEqualTo(
            "jdbc:postgresql://zk.cluster-abc.eu-west-1.rds.example.internal:6432/prover_jobs?sslmode=require");
    assertThat(
            Workloads.envValue(
                Workloads.container(external, PREFIX + "validator", "validator"), "DB_URL"))
        .isEqualTo(
            "jdbc:postgresql://zk.cluster-abc.eu-west-1.rds.example.internal:6432/proven_view?sslmode=require");
    final Manifests defaults = ChartScenarios.rendered(ChartScenarios.DEFAULT);
    assertThat(
            Workloads.envValue(
                Workloads.container(defaults, PREFIX + "prover", "prover"), "DB_URL"))
        .isEqualTo("jdbc:postgresql://postgresql:5432/zk_prover");
  }

  @Test
  void chainEndpointsReachTheServicesThatFollowTheChain() {
    final Container prover = Workloads.container(external, PREFIX + "prover", "prover");
    assertThat(Workloads.envValue(prover, "EXECUTION_CLIENT_URL"))
        .isEqualTo("http://reth.eth.svc:8545");
    assertThat(Workloads.envValue(prover, "BEACON_URL"))
        .isEqualTo("http://lighthouse.eth.svc:5052");
    // The pod name is the prover id: stable in a StatefulSet, distinct between replicas.
    assertThat(
            Workloads.env(prover, "PROVER_ID")
                .orElseThrow()
                .getValueFrom()
                .getFieldRef()
                .getFieldPath())
        .isEqualTo("metadata.name");
    final Container validator = Workloads.container(external, PREFIX + "validator", "validator");
    assertThat(Workloads.envValue(validator, "BEACON_URL"))
        .isEqualTo("http://lighthouse.eth.svc:5052");
    assertThat(Workloads.envValue(validator, "FORK_DIGEST")).isEqualTo("0xbfe0d3f4");
  }

  @Test
  void theBroadcasterGetsExactlyOneForkDigestSource() {
    final Container fixed = Workloads.container(external, PREFIX + "broadcaster", "broadcaster");
    assertThat(Workloads.envValue(fixed, "BROADCASTER_FORKDIGEST")).isEqualTo("0xbfe0d3f4");
    assertThat(Workloads.env(fixed, "BROADCASTER_BEACONURL")).isEmpty();

    final Container derived =
        Workloads.container(
            ChartScenarios.rendered(ChartScenarios.DEFAULT), PREFIX + "broadcaster", "broadcaster");
    assertThat(Workloads.envValue(derived, "BROADCASTER_BEACONURL"))
        .isEqualTo("http://beacon:5052");
    assertThat(Workloads.env(derived, "BROADCASTER_FORKDIGEST")).isEmpty();
  }

  @Test
  void p2pPeersAndIdentityKeysGoIntoTheConfigAndAMountedSecret() {
    final Manifests monitoring = ChartScenarios.rendered(ChartScenarios.MONITORING);

    final Map<String, Object> broadcaster = applicationYaml(monitoring, "broadcaster");
    assertThat(nested(broadcaster, "broadcaster", "p2p", "identity-key-file"))
        .isEqualTo("/secrets/p2p/identity.key");
    assertThat((Iterable<?>) nested(broadcaster, "broadcaster", "p2p", "static-peers")).hasSize(1);
    assertThat(Workloads.podTemplate(monitoring, PREFIX + "broadcaster").getSpec().getVolumes())
        .anyMatch(
            v ->
                v.getSecret() != null
                    && v.getSecret().getSecretName().equals("zk-broadcaster-p2p-key")
                    && v.getSecret().getDefaultMode() == 0400);
    assertThat(
            nested(
                applicationYaml(monitoring, "validator"), "validator", "p2p", "identity-key-file"))
        .isEqualTo("/secrets/p2p/identity.key");
  }

  @Test
  void theVerifierSidecarRunsNextToTheValidatorOnlyWhenEnabled() {
    final Manifests monitoring = ChartScenarios.rendered(ChartScenarios.MONITORING);
    final Container sidecar = Workloads.container(monitoring, PREFIX + "validator", "verifier");
    assertThat(sidecar.getImage()).isEqualTo("ghcr.io/example/eth-proof-verifier:0.1.0");
    assertThat(sidecar.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(sidecar.getReadinessProbe().getHttpGet().getPort().getStrVal())
        .isEqualTo("verifier");

    assertThat(
            Workloads.podTemplate(
                    ChartScenarios.rendered(ChartScenarios.DEFAULT), PREFIX + "validator")
                .getSpec()
                .getContainers())
        .hasSize(1);
  }

  static Map<String, Object> applicationYaml(final Manifests manifests, final String service) {
    final ConfigMap configMap = manifests.named(ConfigMap.class, PREFIX + service);
    final Object parsed = new Yaml().load(configMap.getData().get("application.yaml"));
    @SuppressWarnings("unchecked")
    final Map<String, Object> map = parsed == null ? Map.of() : (Map<String, Object>) parsed;
    return map;
  }

  static Object nested(final Map<String, Object> map, final String... keys) {
    Object node = map;
    for (final String key : keys) {
      assertThat(node).as("parent of " + key).isInstanceOf(Map.class);
      node = ((Map<?, ?>) node).get(key);
    }
    return node;
  }
}

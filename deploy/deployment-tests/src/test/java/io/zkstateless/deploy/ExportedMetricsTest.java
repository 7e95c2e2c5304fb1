package io.zkstateless.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scan finds the services' meters under the names Prometheus really sees. */
class ExportedMetricsTest {

  private final ExportedMetrics metrics = ExportedMetrics.scan();

  @Test
  void dottedMicrometerNamesBecomePrometheusNamesWithTheirSuffixes() {
    assertThat(metrics.series())
        .containsKeys(
            "prover_failures_total",
            "prover_proofs_published_total",
            "prover_prove_seconds_count",
            "prover_prove_seconds_sum",
            "prover_prove_seconds_bucket",
            "prover_proof_bytes_count",
            "prover_witness_fetch_seconds_count",
            "prover_witness_fetch_seconds_sum",
            "prover_jobs",
            "prover_queue_depth",
            "prover_workers");
    assertThat(metrics.series())
        .doesNotContainKeys("prover.failures", "prover_failures", "prover_proof_count");
  }

  @Test
  void namesAlreadyInPrometheusFormKeepOneSuffix() {
    assertThat(metrics.series())
        .containsKeys(
            "broadcaster_published_total",
            "broadcaster_publish_seconds_bucket",
            "validator_proofs_total",
            "validator_proof_verification_seconds_bucket",
            "validator_beacon_events_total")
        .doesNotContainKeys("broadcaster_published_total_total");
  }

  @Test
  void gaugesRegisteredThroughAHelperAreFound() {
    assertThat(metrics.series())
        .containsKeys(
            "validator_proven_gap_slots",
            "validator_optimistic_head_slot",
            "validator_proven_head_slot",
            "validator_finalized_slot",
            "validator_pending_proofs",
            "broadcaster_peers");
  }

  @Test
  void tagKeysBecomeLabels() {
    assertThat(metrics.series().get("prover_workers")).contains("proof_type", "state");
    assertThat(metrics.series().get("prover_prove_seconds_bucket"))
        .contains("proof_type", "worker", "outcome", "le");
    assertThat(metrics.series().get("broadcaster_published_total")).contains("result");
    assertThat(metrics.series().get("validator_proofs_total"))
        .contains("source", "result", "reason");
    assertThat(metrics.series().get("broadcaster_peers")).contains("subnet");
  }

  @Test
  void theJvmMetersSpringBootBindsAreIncluded() {
    assertThat(metrics.series())
        .containsKeys("jvm_memory_used_bytes", "jvm_memory_max_bytes", "process_cpu_usage");
  }

  @Test
  void everyMetricsClassContributesMeters() throws IOException {
    for (final String module : ExportedMetrics.SERVICE_MODULES) {
      try (Stream<Path> files =
          Files.walk(DeployPaths.repo().resolve(module).resolve("src/main/java"))) {
        for (final Path file : files.filter(f -> f.toString().endsWith("Metrics.java")).toList()) {
          assertThat(metrics.declared()).as(file.toString()).anyMatch(m -> m.source().equals(file));
        }
      }
    }
  }

  @Test
  void noServiceRegistersMetersInAFormTheScanCannotRead() throws IOException {
    // MeterRegistry shortcuts (registry.counter("x"), Metrics.gauge(...)) would escape the scan.
    final Pattern shortcut =
        Pattern.compile("\\.(counter|timer|gauge|summary|more\\(\\)\\.\\w+)\\(\\s*\"");
    for (final String module : ExportedMetrics.SERVICE_MODULES) {
      try (Stream<Path> files =
          Files.walk(DeployPaths.repo().resolve(module).resolve("src/main/java"))) {
        for (final Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          assertThat(shortcut.matcher(Files.readString(file)).find()).as(file.toString()).isFalse();
        }
      }
    }
  }
}

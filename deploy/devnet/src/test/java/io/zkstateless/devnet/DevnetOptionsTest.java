package io.zkstateless.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevnetOptionsTest {

  private static final Path RUN_DIR = Path.of("/tmp/devnet-default");

  private static DevnetOptions parse(final String... args) {
    return DevnetOptions.parse(args, RUN_DIR);
  }

  @Test
  void defaultsMatchTheDocumentedOnes() {
    final DevnetOptions options = parse();
    assertThat(options.beacon()).isEqualTo(BeaconMode.AUTO);
    assertThat(options.slotTime()).isEqualTo(Duration.ofSeconds(4));
    assertThat(options.proofTypes()).containsExactly("mock", "witness");
    assertThat(options.minProofs()).isEqualTo(2);
    assertThat(options.duration()).isZero();
    assertThat(options.runDir()).isEqualTo(RUN_DIR);
    assertThat(options.localKafkaPath()).isFalse();
    assertThat(options.port("validator-port")).isEqualTo(8083);
    assertThat(options.port("kafka-port")).isEqualTo(9092);
  }

  @Test
  void readsBothOptionForms() {
    final DevnetOptions options =
        parse("--slot-time=1.5", "--proof-types", "witness", "--duration", "30", "--validator-port=18083");
    assertThat(options.slotTime()).isEqualTo(Duration.ofMillis(1500));
    assertThat(options.proofTypes()).containsExactly("witness");
    assertThat(options.minProofs()).isEqualTo(1);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.port("validator-port")).isEqualTo(18083);
  }

  @Test
  void freePortsGivesEveryServiceItsOwnPort() {
    final DevnetOptions options = parse("--free-ports");
    assertThat(options.ports().values()).doesNotHaveDuplicates().allMatch(p -> p > 0);
    assertThat(options.ports()).containsOnlyKeys(DevnetOptions.PORT_NAMES.keySet());
  }

  @Test
  void helpIsNotAnError() {
    assertThat(parse("--slot-time", "2", "--help")).isNull();
    assertThat(DevnetOptions.usage())
        .contains(
            "--beacon", "--slot-time", "--proof-types", "--min-proofs", "--duration", "--validator-port");
  }

  @Test
  void readsTheBeaconMode() {
    assertThat(parse("--beacon", "lodestar").beacon()).isEqualTo(BeaconMode.LODESTAR);
    assertThat(parse("--beacon=Simulated").beacon()).isEqualTo(BeaconMode.SIMULATED);
    assertThat(parse("--beacon=auto", "--slot-time", "2.5").beacon()).isEqualTo(BeaconMode.AUTO);
  }

  @Test
  void refusesWhatItCannotRun() {
    final List<List<String>> cases =
        List.of(
            List.of("--proof-types sp1", "not one of"),
            List.of("--min-proofs 3", "--min-proofs"),
            List.of("--min-proofs 0", "--min-proofs"),
            List.of("--slot-time 0.1", "--slot-time"),
            List.of("--slot-time fast", "--slot-time"),
            List.of("--beacon teku", "--beacon must be lodestar, simulated or auto"),
            List.of("--beacon lodestar --slot-time 1.5", "whole seconds"),
            List.of("--kafka-port 70000", "--kafka-port"),
            List.of("--no-such-option 1", "unknown option --no-such-option"),
            List.of("stray", "unexpected argument"),
            List.of("--duration", "--duration needs a value"));
    for (final List<String> bad : cases) {
      assertThatThrownBy(() -> parse(bad.getFirst().split(" ")))
          .as(bad.getFirst())
          .isInstanceOf(DevnetOptions.UsageException.class)
          .hasMessageContaining(bad.get(1));
    }
  }
}

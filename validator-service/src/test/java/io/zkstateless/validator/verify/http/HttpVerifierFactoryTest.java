package io.zkstateless.validator.verify.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class HttpVerifierFactoryTest {

  @Test
  void buildsConfiguredTypesAndNamesTheMissingSettings() {
    final HttpVerifierProperties sp1 =
        HttpVerifierFixtures.config(
            URI.create("http://127.0.0.1:3000"), Duration.ofSeconds(1), 2, Duration.ZERO);
    try (HttpVerifierFactory factory =
        new HttpVerifierFactory(
            new HttpVerifiersProperties(Map.of("sp1", sp1)),
            root -> {
              throw new IllegalStateException("not fetched");
            },
            JsonMapper.builder().build(),
            new SimpleMeterRegistry(),
            Clock.systemUTC())) {
      assertThat(factory.create("sp1").kind()).isEqualTo("http");
      assertThat(factory.create("sp1").health().available()).isTrue();
      assertThatThrownBy(() -> factory.create("zkevm"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("validator.ingest.http-verifiers.zkevm");
    }
  }
}

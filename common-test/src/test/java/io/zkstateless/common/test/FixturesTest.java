package io.zkstateless.common.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FixturesTest {

  @Test
  void everyWitnessFixtureHasBlockAndWitness() {
    for (final String name : Fixtures.WITNESSES) {
      final JsonNode fixture = Fixtures.witnessFixture(name);
      assertThat(fixture.path("block").path("hash").asString()).as(name).startsWith("0x").hasSize(66);
      assertThat(fixture.path("witness").path("state").size()).as(name)
          .isEqualTo(fixture.path("expected").path("counts").path("state_nodes").asInt());
    }
  }

  @Test
  void everyEestFixtureHasStatelessInputBytes() {
    for (final String name : Fixtures.EEST) {
      final JsonNode blocks = Fixtures.eestFixture(name).path("blocks");
      assertThat(blocks.isEmpty()).as(name).isFalse();
      assertThat(blocks.get(0).path("statelessInputBytes").asString()).as(name).startsWith("0x");
    }
  }

  @Test
  void unknownFixtureIsAClearError() {
    assertThatThrownBy(() -> Fixtures.witnessFixture("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fixtures/witness/nope.json.gz");
  }
}

package io.zkstateless.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.rlp.RlpReader;
import io.zkstateless.common.test.Fixtures;
import io.zkstateless.common.test.el.FixtureBlock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RecordedBlockTemplateTest {

  private static final String FIXTURE = "hoodi-51632";

  @Test
  void stampsOnlyTheExtraDataAndHashesTheNewHeader() {
    final RecordedBlockTemplate template = RecordedBlockTemplate.load(FIXTURE);
    final JsonNode fixture = Fixtures.witnessFixture(FIXTURE);
    final List<byte[]> recorded = headerFields(Hex.decode(fixture.path("rawBlock").asString()));

    final FixtureBlock block = template.stamp(42);
    final byte[] raw = Hex.decode(block.rawBlock());
    final List<byte[]> stamped = headerFields(raw);

    assertThat(stamped).hasSameSizeAs(recorded);
    for (int i = 0; i < recorded.size(); i++) {
      if (i == 12) {
        assertThat(RlpReader.of(stamped.get(i)).readBytes())
            .isEqualTo("zk-devnet slot 42".getBytes(StandardCharsets.US_ASCII));
      } else {
        assertThat(stamped.get(i)).as("header field %d", i).isEqualTo(recorded.get(i));
      }
    }
    final byte[] header = RlpReader.of(raw).readList().readRaw();
    assertThat(block.hash()).isEqualTo(Hashes.keccak256(header).toHexString());
    assertThat(block.number()).isEqualTo(template.number()).isEqualTo(0xc9b0);
    assertThat(block.block().path("hash").asString()).isEqualTo(block.hash());
    assertThat(block.block().path("parentHash").asString())
        .isEqualTo(fixture.path("block").path("parentHash").asString());
  }

  @Test
  void keepsTheRestOfTheBlockAndTheRecordedWitness() throws IOException {
    final RecordedBlockTemplate template = RecordedBlockTemplate.load(FIXTURE);
    final JsonNode fixture = Fixtures.witnessFixture(FIXTURE);
    final RlpReader recorded = RlpReader.of(Hex.decode(fixture.path("rawBlock").asString())).readList();
    final RlpReader stamped = RlpReader.of(Hex.decode(template.stamp(7).rawBlock())).readList();
    recorded.skip();
    stamped.skip();
    while (recorded.hasNext()) {
      assertThat(stamped.readRaw()).isEqualTo(recorded.readRaw());
    }
    assertThat(stamped.hasNext()).isFalse();

    final ByteArrayOutputStream witness = new ByteArrayOutputStream();
    template.stamp(7).witness().writeTo(witness);
    assertThat(JsonMapper.builder().build().readTree(witness.toByteArray()))
        .isEqualTo(fixture.path("witness"));
  }

  @Test
  void everySlotGetsItsOwnBlockHash() {
    final RecordedBlockTemplate template = RecordedBlockTemplate.load(FIXTURE);
    final List<String> hashes = new ArrayList<>();
    for (int slot = 1; slot <= 50; slot++) {
      hashes.add(template.stamp(slot).hash());
    }
    assertThat(hashes).doesNotHaveDuplicates().allMatch(h -> Bytes32.fromHex(h) != null);
    assertThat(template.stamp(3).hash()).isEqualTo(template.stamp(3).hash());
  }

  @Test
  void refusesAFixtureWithoutARawBlock() {
    assertThatThrownBy(() -> RecordedBlockTemplate.load("hoodi-1265656"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rawBlock");
  }

  private static List<byte[]> headerFields(final byte[] rawBlock) {
    final RlpReader header = RlpReader.of(rawBlock).readList().readList();
    final List<byte[]> fields = new ArrayList<>();
    while (header.hasNext()) {
      fields.add(header.readRaw());
    }
    return fields;
  }
}

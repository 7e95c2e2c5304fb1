package io.zkstateless.prover.witness;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Hex;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Any list of byte strings survives hex JSON, the streaming reader and the compact storage. */
class WitnessEntriesPropertyTest {

  @Property(tries = 200)
  void stateAndCodesRoundTripThroughTheReader(
      @ForAll @Size(max = 40) final List<@Size(max = 1024) byte[]> nodes,
      @ForAll @Size(max = 5) final List<@Size(max = 3000) byte[]> codes) {
    final String json =
        "{\"state\":"
            + hexArray(nodes)
            + ",\"codes\":"
            + hexArray(codes)
            + ",\"headers\":[\"0xc0\"]}";

    final ExecutionWitness witness = WitnessJsonSupport.parse(json, WitnessLimits.DEFAULT);

    assertThat(witness.state().toList()).containsExactlyElementsOf(nodes);
    assertThat(witness.codes().toList()).containsExactlyElementsOf(codes);
    assertThat(witness.totalBytes())
        .isEqualTo(
            nodes.stream().mapToLong(n -> n.length).sum()
                + codes.stream().mapToLong(c -> c.length).sum()
                + 1);
  }

  @Property(tries = 30)
  void storageSpanningManyChunksKeepsEveryEntryIntact(
      @ForAll @Size(min = 1, max = 40) final List<@Size(min = 2000, max = 60000) byte[]> entries) {
    final WitnessEntries stored = WitnessEntries.of(entries);

    assertThat(stored.size()).isEqualTo(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      assertThat(stored.get(i)).isEqualTo(entries.get(i));
      assertThat(stored.view(i).remaining()).isEqualTo(entries.get(i).length);
    }
  }

  private static String hexArray(final List<byte[]> entries) {
    return entries.stream()
        .map(entry -> "\"" + Hex.encode(entry) + "\"")
        .reduce((a, b) -> a + "," + b)
        .map(body -> "[" + body + "]")
        .orElse("[]");
  }
}

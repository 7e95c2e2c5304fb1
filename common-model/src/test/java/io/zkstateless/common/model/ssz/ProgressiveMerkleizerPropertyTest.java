package io.zkstateless.common.model.ssz;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The production progressive merkleization against the naive spec transcription. Sizes reach past
 * the fourth subtree (1 + 4 + 16 + 64 = 85 chunks) so every level boundary is crossed.
 */
class ProgressiveMerkleizerPropertyTest {

  @Property(tries = 300)
  void byteListRootMatchesReference(@ForAll @Size(max = 3000) final byte[] bytes) {
    final byte[] expected =
        ReferenceProgressiveMerkle.mixInLength(
            ReferenceProgressiveMerkle.merkleizeProgressive(
                ReferenceProgressiveMerkle.pack(bytes), 1),
            bytes.length);

    final Bytes32 actual =
        SszProgressiveByteListSchema.INSTANCE.hashTreeRoot(ImmutableBytes.of(bytes));

    assertThat(actual.toArray()).isEqualTo(expected);
  }

  @Property(tries = 200)
  void uint64ListRootMatchesReference(@ForAll @Size(max = 400) final List<Long> values) {
    final byte[] packed = new byte[values.size() * 8];
    for (int i = 0; i < values.size(); i++) {
      for (int b = 0; b < 8; b++) {
        packed[i * 8 + b] = (byte) (values.get(i) >>> (8 * b));
      }
    }
    final byte[] expected =
        ReferenceProgressiveMerkle.mixInLength(
            ReferenceProgressiveMerkle.merkleizeProgressive(
                ReferenceProgressiveMerkle.pack(packed), 1),
            values.size());

    final Bytes32 actual =
        new SszProgressiveListSchema<>(SszUintSchema.UINT64).hashTreeRoot(values);

    assertThat(actual.toArray()).isEqualTo(expected);
  }

  @Property(tries = 200)
  void compositeListRootMatchesReference(
      @ForAll @Size(max = 120) final List<@Size(max = 70) byte[]> elements) {
    final SszByteListSchema elementSchema = new SszByteListSchema(70);
    final List<ImmutableBytes> values = new ArrayList<>();
    final List<byte[]> elementRoots = new ArrayList<>();
    for (final byte[] element : elements) {
      values.add(ImmutableBytes.of(element));
      elementRoots.add(
          ReferenceProgressiveMerkle.mixInLength(
              ReferenceProgressiveMerkle.merkleize(ReferenceProgressiveMerkle.pack(element), 3),
              element.length));
    }
    final byte[] expected =
        ReferenceProgressiveMerkle.mixInLength(
            ReferenceProgressiveMerkle.merkleizeProgressive(elementRoots, 1), elements.size());

    final Bytes32 actual = new SszProgressiveListSchema<>(elementSchema).hashTreeRoot(values);

    assertThat(actual.toArray()).isEqualTo(expected);
  }

  @Property(tries = 200)
  void variableElementListRoundTrips(
      @ForAll @Size(max = 40) final List<@Size(max = 70) byte[]> elements) {
    final SszProgressiveListSchema<ImmutableBytes> schema =
        new SszProgressiveListSchema<>(SszProgressiveByteListSchema.INSTANCE);
    final List<ImmutableBytes> values = elements.stream().map(ImmutableBytes::of).toList();

    final byte[] encoded = schema.encode(values);

    assertThat(schema.decode(encoded)).isEqualTo(values);
    assertThat(encoded)
        .isEqualTo(new SszListSchema<>(new SszByteListSchema(70), 40).encode(values));
  }

  @Property(tries = 200)
  void basicElementListRoundTrips(@ForAll @Size(max = 300) final List<Long> values) {
    final SszProgressiveListSchema<Long> schema =
        new SszProgressiveListSchema<>(SszUintSchema.UINT64);

    assertThat(schema.decode(schema.encode(values))).isEqualTo(values);
  }

  @Property(tries = 200)
  void bitlistRootMatchesReferenceAndRoundTrips(@ForAll @Size(max = 3000) final boolean[] bits) {
    final byte[] packed = new byte[(bits.length + 7) / 8];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        packed[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    final byte[] expected =
        ReferenceProgressiveMerkle.mixInLength(
            ReferenceProgressiveMerkle.merkleizeProgressive(
                ReferenceProgressiveMerkle.pack(packed), 1),
            bits.length);
    final Bitfield value = Bitfield.of(bits);
    final SszProgressiveBitlistSchema schema = SszProgressiveBitlistSchema.INSTANCE;

    assertThat(schema.hashTreeRoot(value).toArray()).isEqualTo(expected);
    assertThat(schema.decode(schema.encode(value))).isEqualTo(value);
  }
}

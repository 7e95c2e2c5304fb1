package io.zkstateless.common.model.ssz;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszTestStructs.BitsStruct;
import io.zkstateless.common.model.ssz.SszTestStructs.ComplexTestStruct;
import io.zkstateless.common.model.ssz.SszTestStructs.FixedTestStruct;
import io.zkstateless.common.model.ssz.SszTestStructs.VarTestStruct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Loads the copied consensus-spec-tests ssz_generic valid cases (see {@code
 * ssz_generic/SOURCES.md}) into typed cases: a schema, the value parsed from {@code value.yaml},
 * and the published root from {@code meta.yaml}.
 */
final class SszGenericVectors {

  /** One valid case. {@code serialized} is the published encoding when value.yaml carries it. */
  record Case<T>(String name, SszSchema<T> schema, T value, byte[] serialized, Bytes32 root) {
    @Override
    public String toString() {
      return name;
    }
  }

  private SszGenericVectors() {}

  static List<Case<?>> load() {
    final List<Case<?>> cases = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root())) {
      for (final Path handler : dirs.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> caseDirs = Files.list(handler.resolve("valid"))) {
          for (final Path dir : caseDirs.sorted().toList()) {
            cases.add(toCase(handler.getFileName().toString(), dir));
          }
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static Path root() {
    try {
      return Path.of(SszGenericVectors.class.getResource("/ssz_generic").toURI());
    } catch (final URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Case<?> toCase(final String handler, final Path dir) throws IOException {
    final String name = dir.getFileName().toString();
    final Object value = new Yaml().load(Files.readString(dir.resolve("value.yaml")));
    final Map<String, Object> meta = new Yaml().load(Files.readString(dir.resolve("meta.yaml")));
    final Bytes32 root = Bytes32.fromHex((String) meta.get("root"));
    final String label = handler + "/" + name;
    final String[] parts = name.split("_");
    return switch (handler) {
      case "uints" -> uintCase(label, Integer.parseInt(parts[1]), value, root);
      case "basic_vector" -> vectorCase(label, parts[1], Integer.parseInt(parts[2]), value, root);
      case "bitvector" -> {
        final byte[] bytes = Hex.decode((String) value);
        final SszBitvectorSchema schema = new SszBitvectorSchema(Integer.parseInt(parts[1]));
        yield new Case<>(label, schema, schema.decode(bytes), bytes, root);
      }
      case "bitlist" -> {
        final byte[] bytes = Hex.decode((String) value);
        final SszBitlistSchema schema = new SszBitlistSchema(Integer.parseInt(parts[1]));
        yield new Case<>(label, schema, schema.decode(bytes), bytes, root);
      }
      case "containers" -> containerCase(label, parts[0], value, root);
      default -> throw new IllegalStateException("no loader for handler " + handler);
    };
  }

  private static Case<?> uintCase(
      final String label, final int bits, final Object value, final Bytes32 root) {
    final BigInteger number = new BigInteger(value.toString());
    return switch (bits) {
      case 8 -> new Case<>(label, SszUintSchema.UINT8, number.longValue(), null, root);
      case 16 -> new Case<>(label, SszUintSchema.UINT16, number.longValue(), null, root);
      case 32 -> new Case<>(label, SszUintSchema.UINT32, number.longValue(), null, root);
      case 64 -> new Case<>(label, SszUintSchema.UINT64, number.longValue(), null, root);
      case 128 -> new Case<>(label, SszBigUintSchema.UINT128, number, null, root);
      case 256 -> new Case<>(label, SszBigUintSchema.UINT256, number, null, root);
      default -> throw new IllegalStateException("uint" + bits);
    };
  }

  private static Case<?> vectorCase(
      final String label,
      final String type,
      final int length,
      final Object value,
      final Bytes32 root) {
    final SszUintSchema element =
        switch (type) {
          case "uint8" -> SszUintSchema.UINT8;
          case "uint16" -> SszUintSchema.UINT16;
          case "uint32" -> SszUintSchema.UINT32;
          case "uint64" -> SszUintSchema.UINT64;
          default -> throw new IllegalStateException("vector of " + type);
        };
    return new Case<>(label, new SszVectorSchema<>(element, length), longs(value), null, root);
  }

  private static Case<?> containerCase(
      final String label, final String type, final Object value, final Bytes32 root) {
    final Map<?, ?> map = (Map<?, ?>) value;
    return switch (type) {
      case "FixedTestStruct" ->
          new Case<>(label, SszTestStructs.FIXED_TEST_STRUCT, fixed(map), null, root);
      case "VarTestStruct" ->
          new Case<>(label, SszTestStructs.VAR_TEST_STRUCT, var(map), null, root);
      case "ComplexTestStruct" ->
          new Case<>(label, SszTestStructs.COMPLEX_TEST_STRUCT, complex(map), null, root);
      case "BitsStruct" -> new Case<>(label, SszTestStructs.BITS_STRUCT, bits(map), null, root);
      default -> throw new IllegalStateException("container " + type);
    };
  }

  private static FixedTestStruct fixed(final Map<?, ?> map) {
    return new FixedTestStruct(number(map.get("A")), number(map.get("B")), number(map.get("C")));
  }

  private static VarTestStruct var(final Map<?, ?> map) {
    return new VarTestStruct(number(map.get("A")), longs(map.get("B")), number(map.get("C")));
  }

  private static ComplexTestStruct complex(final Map<?, ?> map) {
    return new ComplexTestStruct(
        number(map.get("A")),
        longs(map.get("B")),
        number(map.get("C")),
        ImmutableBytes.fromHex((String) map.get("D")),
        var((Map<?, ?>) map.get("E")),
        ((List<?>) map.get("F")).stream().map(f -> fixed((Map<?, ?>) f)).toList(),
        ((List<?>) map.get("G")).stream().map(g -> var((Map<?, ?>) g)).toList());
  }

  private static BitsStruct bits(final Map<?, ?> map) {
    return new BitsStruct(
        new SszBitlistSchema(5).decode(Hex.decode((String) map.get("A"))),
        new SszBitvectorSchema(2).decode(Hex.decode((String) map.get("B"))),
        new SszBitvectorSchema(1).decode(Hex.decode((String) map.get("C"))),
        new SszBitlistSchema(6).decode(Hex.decode((String) map.get("D"))),
        new SszBitvectorSchema(8).decode(Hex.decode((String) map.get("E"))));
  }

  private static long number(final Object value) {
    return new BigInteger(value.toString()).longValue();
  }

  private static List<Long> longs(final Object value) {
    return ((List<?>) value).stream().map(SszGenericVectors::number).toList();
  }
}

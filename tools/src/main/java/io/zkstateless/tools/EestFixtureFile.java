package io.zkstateless.tools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an EEST blockchain fixture file ({@code .json}, or gzip-compressed, recognised by its magic
 * bytes rather than its name) into its tests. A file's top-level object maps each test name to a
 * test; every test in the file is returned, in file order.
 */
public final class EestFixtureFile {

  /**
   * Largest file, and largest inflated JSON, read. The release's fixtures are well under 1 MiB; the
   * bound keeps a wrong path (a disk image, a gzip bomb) from exhausting memory.
   */
  public static final int MAX_BYTES = 512 * 1024 * 1024;

  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;

  /** Hex strings of a large witness exceed Jackson's default 20M-character string limit. */
  private static final JsonMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(MAX_BYTES).build())
                  .build())
          .build();

  private EestFixtureFile() {}

  public static List<EestTest> read(final Path path) throws UnreadableFixtureException {
    final String source = path.toString();
    final byte[] raw;
    try {
      if (!Files.isRegularFile(path)) {
        throw new UnreadableFixtureException(source, "not a regular file");
      }
      if (Files.size(path) > MAX_BYTES) {
        throw new UnreadableFixtureException(
            source, "larger than " + MAX_BYTES + " bytes (" + Files.size(path) + ")");
      }
      raw = Files.readAllBytes(path);
    } catch (final IOException e) {
      throw new UnreadableFixtureException(source, "cannot read: " + e, e);
    }
    return parse(raw, source);
  }

  /** Parses the bytes of a fixture file, inflating them first if they are gzip. */
  public static List<EestTest> parse(final byte[] raw, final String source)
      throws UnreadableFixtureException {
    final byte[] json = isGzip(raw) ? inflate(raw, source) : raw;
    final JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (final JacksonException e) {
      throw new UnreadableFixtureException(source, "not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject() || root.isEmpty()) {
      throw new UnreadableFixtureException(source, "top level is not an object of tests");
    }
    final List<EestTest> tests = new ArrayList<>();
    for (final Map.Entry<String, JsonNode> entry : root.properties()) {
      tests.add(test(source, entry.getKey(), entry.getValue()));
    }
    return tests;
  }

  private static EestTest test(final String source, final String name, final JsonNode test)
      throws UnreadableFixtureException {
    final JsonNode config = test.get("config");
    final JsonNode blocks = test.get("blocks");
    if (!test.isObject()
        || config == null
        || !config.isObject()
        || blocks == null
        || !blocks.isArray()) {
      throw new UnreadableFixtureException(
          source, "test " + name + " is not a blockchain test (no config object or blocks array)");
    }
    final List<JsonNode> blockList = new ArrayList<>();
    blocks.forEach(blockList::add);
    return new EestTest(source, name, config, blockList);
  }

  private static boolean isGzip(final byte[] raw) {
    return raw.length >= 2 && (raw[0] & 0xff) == GZIP_MAGIC_0 && (raw[1] & 0xff) == GZIP_MAGIC_1;
  }

  private static byte[] inflate(final byte[] raw, final String source)
      throws UnreadableFixtureException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      final byte[] json = in.readNBytes(MAX_BYTES);
      if (in.read() >= 0) {
        throw new UnreadableFixtureException(
            source, "inflates to more than " + MAX_BYTES + " bytes");
      }
      return json;
    } catch (final IOException e) {
      throw new UnreadableFixtureException(source, "not valid gzip: " + e.getMessage(), e);
    }
  }
}

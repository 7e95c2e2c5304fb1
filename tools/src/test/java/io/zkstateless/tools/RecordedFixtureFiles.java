package io.zkstateless.tools;

import io.zkstateless.common.test.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the recorded EEST fixtures (gzip resources of common-test) to files the command reads. */
final class RecordedFixtureFiles {

  private RecordedFixtureFiles() {}

  /** All recorded fixtures, as files in {@code dir}. */
  static List<String> all(final Path dir, final boolean gzip) throws IOException {
    final List<String> paths = new ArrayList<>();
    for (final String name : Fixtures.EEST) {
      paths.add(write(dir, name, gzip).toString());
    }
    return paths;
  }

  /** One fixture, as its gzip resource verbatim or inflated to plain JSON. */
  static Path write(final Path dir, final String name, final boolean gzip) throws IOException {
    final String resource = resource(name);
    final Path file = dir.resolve(name + (gzip ? ".json.gz" : ".json"));
    if (gzip) {
      try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
        Files.write(file, in.readAllBytes());
      }
    } else {
      Files.write(file, Fixtures.bytes(resource));
    }
    return file;
  }

  /** The plain JSON text of a recorded fixture. */
  static String json(final String name) {
    return new String(Fixtures.bytes(resource(name)), StandardCharsets.UTF_8);
  }

  private static String resource(final String name) {
    return "fixtures/eest/" + name + ".json.gz";
  }
}

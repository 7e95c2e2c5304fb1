package io.zkstateless.devnet.chain;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * How a chain process tells the launcher where it listens: a properties file, written atomically
 * once every server answers, so the launcher reads it whole or not at all.
 */
public final class EndpointsFile {

  private EndpointsFile() {}

  public static void write(final Path file, final Map<String, String> endpoints) throws IOException {
    final StringBuilder text = new StringBuilder();
    endpoints.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  public static Properties read(final Path file) throws IOException {
    final Properties endpoints = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      endpoints.load(reader);
    }
    return endpoints;
  }
}

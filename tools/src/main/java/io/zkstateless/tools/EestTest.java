package io.zkstateless.tools;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One blockchain test of an EEST fixture file: its name (the file's top-level key, such as {@code
 * tests/amsterdam/eip8025_optional_proofs/...::test_x[fork_Amsterdam-blockchain_test]}), its {@code
 * config} and its {@code blocks} in file order. Values stay JSON until a block is built, so one
 * malformed block does not hide the others.
 */
public record EestTest(String source, String name, JsonNode config, List<JsonNode> blocks) {

  public EestTest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    blocks = List.copyOf(blocks);
  }
}

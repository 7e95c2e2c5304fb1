package io.zkstateless.common.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recorded real fixtures shipped in this module's resources (see {@code fixtures/SOURCES.md} for
 * where each one comes from). Files are stored gzip-compressed to keep the repository small.
 */
public final class Fixtures {

  /** Real {@code debug_executionWitness} answers with their blocks (mainnet and Hoodi). */
  public static final List<String> WITNESSES =
      List.of("hoodi-51632", "hoodi-958035", "hoodi-1265656", "mainnet-24341035", "mainnet-24628608");

  /** execution-spec-tests zkevm@v0.3.3 EIP-8025 blockchain tests, three of them negative. */
  public static final List<String> EEST =
      List.of(
          "witness_state_sload_contains_storage_proof",
          "witness_state_sstore_delete_branch_collapse_adds_auxiliary_node",
          "witness_headers_max_wins_across_multiple_transactions",
          "witness_codes_nested_calls",
          "witness_codes_delegation_chain",
          "validation_state_missing_storage_proof_node",
          "validation_headers_missing_parent_header",
          "validation_codes_missing_current_frame_code");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Fixtures() {}

  /** The whole witness fixture file: {@code _meta}, {@code block}, {@code rawBlock}, {@code expected}, {@code witness}. */
  public static JsonNode witnessFixture(final String name) {
    return json("fixtures/witness/" + name + ".json.gz");
  }

  /** An EEST blockchain-test file; its single top-level field holds the test. */
  public static JsonNode eestFixture(final String name) {
    final JsonNode file = json("fixtures/eest/" + name + ".json.gz");
    return file.properties().iterator().next().getValue();
  }

  /** The libp2p identity and gossip vectors. */
  public static JsonNode libp2pVectors() {
    return JSON.readTree(bytes("fixtures/libp2p-vectors.json"));
  }

  /** Uncompressed bytes of a fixture resource; {@code .gz} resources are inflated. */
  public static byte[] bytes(final String resource) {
    try (InputStream raw = open(resource);
        InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot read fixture " + resource, e);
    }
  }

  private static JsonNode json(final String resource) {
    return JSON.readTree(bytes(resource));
  }

  private static InputStream open(final String resource) {
    final InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException("No fixture resource " + resource);
    }
    return in;
  }
}

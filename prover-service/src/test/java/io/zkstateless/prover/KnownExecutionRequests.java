package io.zkstateless.prover;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.BeaconBlockJson;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.common.model.electra.ElectraPreset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * The execution requests of consensus-spec-tests {@code ssz_one/case_2} (one deposit, one
 * withdrawal request, one consolidation) as Beacon API JSON, and their published root (see {@code
 * src/test/resources/beacon/SOURCES.md}).
 */
public final class KnownExecutionRequests {

  /** {@code hash_tree_root} from the vector's {@code roots.yaml}. */
  public static final Bytes32 ROOT =
      Bytes32.fromHex("0xd539b9968ff7bbbabbb6371b1254ba6816a1069269084c15698e4971dc286e5f");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private KnownExecutionRequests() {}

  /** The {@code body.execution_requests} object. */
  public static String json() {
    try (InputStream in =
        KnownExecutionRequests.class.getResourceAsStream(
            "/beacon/execution-requests-ssz-one-case-2.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ElectraExecutionRequests value() {
    return BeaconBlockJson.executionRequests(
        JSON.readTree(
            "{\"data\":{\"message\":{\"body\":{\"execution_requests\":" + json() + "}}}}"),
        ElectraPreset.MAINNET);
  }
}

package io.zkstateless.validator.verify.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.validator.verify.ProofVerifier;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@code http} verifier of a proof type from {@code
 * validator.ingest.http-verifiers.<proof-type>} and owns the HTTP client they share.
 */
public final class HttpVerifierFactory implements AutoCloseable {

  private final HttpVerifiersProperties config;
  private final Function<Bytes32, JsonNode> blockJson;
  private final JsonMapper json;
  private final MeterRegistry registry;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  /**
   * @param blockJson the beacon node's {@code GET /eth/v2/beacon/blocks/{root}}
   */
  public HttpVerifierFactory(
      final HttpVerifiersProperties config,
      final Function<Bytes32, JsonNode> blockJson,
      final JsonMapper json,
      final MeterRegistry registry,
      final Clock clock) {
    this.config = config;
    this.blockJson = blockJson;
    this.json = json;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException if the proof type has no {@code http-verifiers} entry
   */
  public ProofVerifier create(final String proofTypeName) {
    final HttpVerifierProperties settings = config.httpVerifiers().get(proofTypeName);
    if (settings == null) {
      throw new IllegalArgumentException(
          "validator.ingest.verifiers." + proofTypeName + " is http, but validator.ingest"
              + ".http-verifiers." + proofTypeName + ".url/proof-type are not set");
    }
    return new HttpProofVerifier(
        proofTypeName,
        settings,
        new BeaconPayloadRequestRoots(blockJson, ElectraSchemas.MAINNET, settings.rootCacheSize()),
        http,
        json,
        registry,
        clock);
  }

  @Override
  public void close() {
    http.close();
  }
}

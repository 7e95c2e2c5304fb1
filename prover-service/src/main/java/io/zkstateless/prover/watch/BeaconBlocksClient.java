package io.zkstateless.prover.watch;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.BeaconBlockJson;
import io.zkstateless.common.model.electra.BeaconBlockJsonException;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.common.model.electra.ElectraPreset;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /eth/v2/beacon/blocks/{block_id}} and {@code GET /eth/v1/beacon/headers/head}: the
 * payload hash and number of a block, and the head root. Bodies are read up to a bound; anything
 * malformed is a {@link BeaconWatchException}.
 */
public class BeaconBlocksClient {

  private final HttpClient http;
  private final JsonMapper json;
  private final WatchProperties config;

  public BeaconBlocksClient(
      final HttpClient http, final JsonMapper json, final WatchProperties config) {
    this.http = http;
    this.json = json;
    this.config = config;
  }

  /** The block by root, slot or {@code head}. */
  public BeaconBlockInfo block(final String blockId) {
    final JsonNode response = get("/eth/v2/beacon/blocks/" + blockId);
    final JsonNode data = response.path("data");
    final JsonNode message = data.path("message");
    final JsonNode payload = message.path("body").path("execution_payload");
    final boolean hasPayload = payload.isObject();
    return new BeaconBlockInfo(
        blockId.startsWith("0x") ? Bytes32.fromHex(blockId) : headRoot(blockId),
        BeaconJson.uint(message, "slot"),
        BeaconJson.root(message, "parent_root"),
        hasPayload ? BeaconJson.root(payload, "block_hash") : Bytes32.ZERO,
        hasPayload ? BeaconJson.uint(payload, "block_number") : 0,
        hasPayload && payload.has("gas_used") ? BeaconJson.uint(payload, "gas_used") : 0,
        message.path("body").has("execution_requests")
            ? Optional.of(executionRequests(response, blockId))
            : Optional.empty());
  }

  private static ElectraExecutionRequests executionRequests(
      final JsonNode response, final String blockId) {
    try {
      return BeaconBlockJson.executionRequests(response, ElectraPreset.MAINNET);
    } catch (final BeaconBlockJsonException e) {
      throw new BeaconWatchException("block " + blockId + ": " + e.getMessage());
    }
  }

  /**
   * {@code GET /eth/v1/beacon/headers?slot=} (or {@code ?parent_root=}): the roots of the blocks the
   * node lists. Lodestar and Prysm include the side branches it knows ({@code canonical: false});
   * Teku and Lighthouse list the canonical block only.
   */
  public List<Bytes32> headerRoots(final String query) {
    final JsonNode response = getOrNull("/eth/v1/beacon/headers?" + query);
    if (response == null) {
      // Some clients answer 404 for a slot without a block rather than an empty list.
      return List.of();
    }
    final JsonNode data = response.path("data");
    if (!data.isArray()) {
      throw new BeaconWatchException("GET /eth/v1/beacon/headers?" + query + ": data not a list");
    }
    final List<Bytes32> roots = new ArrayList<>();
    for (final JsonNode header : data) {
      roots.add(BeaconJson.root(header, "root"));
    }
    return roots;
  }

  /** The slot of {@code head}, {@code finalized} or a root. */
  public long headerSlot(final String blockId) {
    return BeaconJson.uint(
        get("/eth/v1/beacon/headers/" + blockId).path("data").path("header").path("message"),
        "slot");
  }

  public BeaconBlockInfo block(final Bytes32 root) {
    return block(root.toHexString());
  }

  /**
   * The whole {@code GET /eth/v2/beacon/blocks/{root}} answer, for adapters that need more than
   * {@link BeaconBlockInfo} (the zkboost worker builds the block's {@code NewPayloadRequest}).
   */
  public JsonNode blockJson(final Bytes32 root) {
    return get("/eth/v2/beacon/blocks/" + root.toHexString());
  }

  /** The root of {@code head}, {@code finalized} or a slot. */
  public Bytes32 headRoot(final String blockId) {
    return BeaconJson.root(get("/eth/v1/beacon/headers/" + blockId).path("data"), "root");
  }

  private JsonNode get(final String path) {
    final JsonNode response = getOrNull(path);
    if (response == null) {
      throw new BeaconWatchException("GET " + path + ": HTTP 404");
    }
    return response;
  }

  /** The answer, or null for 404. */
  private JsonNode getOrNull(final String path) {
    final URI uri = config.url().resolve(path);
    final HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      final HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        final byte[] bytes = body.readNBytes(config.maxResponseBytes() + 1);
        if (bytes.length > config.maxResponseBytes()) {
          throw new BeaconWatchException(
              "GET " + path + ": response larger than " + config.maxResponseBytes() + " bytes");
        }
        if (response.statusCode() == 404) {
          return null;
        }
        if (response.statusCode() != 200) {
          throw new BeaconWatchException("GET " + path + ": HTTP " + response.statusCode());
        }
        return json.readTree(bytes);
      }
    } catch (final JacksonException e) {
      throw new BeaconWatchException("GET " + path + ": invalid JSON: " + e.getOriginalMessage());
    } catch (final IOException e) {
      throw new BeaconWatchException(
          "GET " + path + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BeaconWatchException("GET " + path + ": interrupted", e);
    }
  }
}

package io.zkstateless.validator.follow;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.validator.chain.BeaconBlock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standard Beacon API calls the follower needs: block headers (for roots of {@code head} and
 * {@code finalized}) and blocks (for the execution payload hash and number). Bodies are read up to
 * a bound, so a hostile or broken node cannot exhaust memory.
 */
public class BeaconApiClient {

  private final HttpClient http;
  private final JsonMapper json;
  private final BeaconNodeProperties config;
  private final Clock clock;

  public BeaconApiClient(
      final HttpClient http, final JsonMapper json, final BeaconNodeProperties config, final Clock clock) {
    this.http = http;
    this.json = json;
    this.config = config;
    this.clock = clock;
  }

  /** Root and slot of {@code head}, {@code finalized}, a slot or a root. */
  public BlockHeaderInfo header(final String blockId) {
    final JsonNode data = get("/eth/v1/beacon/headers/" + blockId).path("data");
    final JsonNode message = data.path("header").path("message");
    return new BlockHeaderInfo(
        BeaconEventParser.root(data, "root"),
        BeaconEventParser.uint(message, "slot"),
        BeaconEventParser.root(message, "parent_root"));
  }

  /** The block with its execution payload hash and number (zero before the merge). */
  public BeaconBlock block(final Bytes32 root) {
    final JsonNode message = get("/eth/v2/beacon/blocks/" + root.toHexString()).path("data").path("message");
    final JsonNode payload = message.path("body").path("execution_payload");
    final boolean hasPayload = payload.isObject();
    return new BeaconBlock(
        root,
        BeaconEventParser.uint(message, "slot"),
        BeaconEventParser.root(message, "parent_root"),
        hasPayload ? BeaconEventParser.root(payload, "block_hash") : Bytes32.ZERO,
        hasPayload ? BeaconEventParser.uint(payload, "block_number") : 0,
        clock.instant());
  }

  /** The head state's finalized checkpoint, for the Status our p2p node tells peers. */
  public Checkpoint finalizedCheckpoint() {
    final JsonNode finalized =
        get("/eth/v1/beacon/states/head/finality_checkpoints").path("data").path("finalized");
    return new Checkpoint(
        BeaconEventParser.uint(finalized, "epoch"), BeaconEventParser.root(finalized, "root"));
  }

  /**
   * The whole {@code GET /eth/v2/beacon/blocks/{root}} answer, for the {@code http} verifier, which
   * rebuilds the block's {@code NewPayloadRequest} from it.
   */
  public JsonNode blockJson(final Bytes32 root) {
    return get("/eth/v2/beacon/blocks/" + root.toHexString());
  }

  private JsonNode get(final String path) {
    final URI uri = config.url().resolve(path);
    final HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).header("Accept", "application/json").GET().build();
    try {
      final HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        final byte[] bytes = body.readNBytes(config.maxResponseBytes() + 1);
        if (bytes.length > config.maxResponseBytes()) {
          throw new BeaconApiException("GET " + path + ": response larger than " + config.maxResponseBytes() + " bytes");
        }
        if (response.statusCode() != 200) {
          throw new BeaconApiException("GET " + path + ": HTTP " + response.statusCode());
        }
        return json.readTree(bytes);
      }
    } catch (final JacksonException e) {
      throw new BeaconApiException("GET " + path + ": invalid JSON: " + e.getOriginalMessage());
    } catch (final IOException e) {
      throw new BeaconApiException("GET " + path + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BeaconApiException("GET " + path + ": interrupted", e);
    }
  }

  /** What a header tells: enough to walk parents without fetching whole blocks. */
  public record BlockHeaderInfo(Bytes32 root, long slot, Bytes32 parentRoot) {}

  /** A checkpoint: an epoch and the root of the block at its start. */
  public record Checkpoint(long epoch, Bytes32 root) {}
}

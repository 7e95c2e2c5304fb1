package io.zkstateless.common.service.beacon;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.Hex;
import io.zkstateless.common.model.fork.BlobParameters;
import io.zkstateless.common.model.fork.ForkSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the chain's fork schedule from a beacon node: {@code /eth/v1/beacon/genesis}
 * (genesis_validators_root, genesis_time), {@code /eth/v1/config/fork_schedule} (versions by epoch)
 * and {@code /eth/v1/config/spec} (slot timing, FULU_FORK_EPOCH, the blob schedule). Bodies are
 * capped; anything unexpected raises {@link BeaconConfigException} naming the endpoint and field.
 */
public final class BeaconForkScheduleClient {

  private static final int MAX_BODY = 1 << 20;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  public BeaconForkScheduleClient(final URI base, final Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public ForkSchedule fetch() {
    final JsonNode genesis = data("/eth/v1/beacon/genesis");
    final JsonNode forkSchedule = data("/eth/v1/config/fork_schedule");
    final JsonNode spec = data("/eth/v1/config/spec");
    final List<ForkSchedule.Fork> forks = new ArrayList<>();
    if (!forkSchedule.isArray() || forkSchedule.isEmpty() || forkSchedule.size() > 64) {
      throw new BeaconConfigException(
          "/eth/v1/config/fork_schedule", "data must be a non-empty array of at most 64 forks");
    }
    for (final JsonNode fork : forkSchedule) {
      forks.add(
          new ForkSchedule.Fork(
              version("/eth/v1/config/fork_schedule", fork, "current_version"),
              uint("/eth/v1/config/fork_schedule", fork, "epoch")));
    }
    final String specPath = "/eth/v1/config/spec";
    final List<BlobParameters> blobSchedule = new ArrayList<>();
    final JsonNode schedule = spec.path("BLOB_SCHEDULE");
    if (schedule.isArray()) {
      for (final JsonNode entry : schedule) {
        blobSchedule.add(
            new BlobParameters(
                uint(specPath, entry, "EPOCH"), uint(specPath, entry, "MAX_BLOBS_PER_BLOCK")));
      }
    }
    final long fulu =
        spec.has("FULU_FORK_EPOCH") ? uint(specPath, spec, "FULU_FORK_EPOCH") : Long.MAX_VALUE;
    final BlobParameters electra =
        spec.has("ELECTRA_FORK_EPOCH")
            ? new BlobParameters(
                uint(specPath, spec, "ELECTRA_FORK_EPOCH"),
                uint(specPath, spec, "MAX_BLOBS_PER_BLOCK_ELECTRA"))
            : new BlobParameters(0, 0);
    try {
      return new ForkSchedule(
          root("/eth/v1/beacon/genesis", genesis, "genesis_validators_root"),
          uint("/eth/v1/beacon/genesis", genesis, "genesis_time"),
          uint(specPath, spec, "SECONDS_PER_SLOT"),
          uint(specPath, spec, "SLOTS_PER_EPOCH"),
          forks,
          fulu,
          electra,
          blobSchedule);
    } catch (final IllegalArgumentException e) {
      throw new BeaconConfigException(specPath, e.getMessage());
    }
  }

  private JsonNode data(final String path) {
    final HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
    final HttpResponse<InputStream> response;
    final byte[] body;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
    } catch (final IOException e) {
      throw new BeaconConfigException(path, "request failed: " + e.getMessage());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BeaconConfigException(path, "interrupted");
    }
    if (response.statusCode() != 200) {
      throw new BeaconConfigException(path, "HTTP " + response.statusCode());
    }
    if (body.length > MAX_BODY) {
      throw new BeaconConfigException(path, "body exceeds " + MAX_BODY + " bytes");
    }
    try {
      final JsonNode data = JSON.readTree(body).path("data");
      if (data.isMissingNode() || data.isNull()) {
        throw new BeaconConfigException(path, "no data field");
      }
      return data;
    } catch (final JacksonException e) {
      throw new BeaconConfigException(path, "not JSON: " + e.getOriginalMessage());
    }
  }

  private static String text(final String path, final JsonNode node, final String field) {
    final JsonNode value = node.path(field);
    if (!value.isString()) {
      throw new BeaconConfigException(path, field + " is missing or not a string");
    }
    return value.asString();
  }

  private static long uint(final String path, final JsonNode node, final String field) {
    final String value = text(path, node, field);
    if (!value.matches("0|[1-9][0-9]{0,19}")) {
      throw new BeaconConfigException(path, field + " is not a decimal uint64: '" + value + "'");
    }
    try {
      return Long.parseLong(value);
    } catch (final NumberFormatException e) {
      // FAR_FUTURE_EPOCH (2^64-1) and the like: as good as never.
      return Long.MAX_VALUE;
    }
  }

  private static byte[] version(final String path, final JsonNode node, final String field) {
    final String value = text(path, node, field);
    if (!value.matches("0x[0-9a-fA-F]{8}")) {
      throw new BeaconConfigException(
          path, field + " is not a 4-byte 0x-hex version: '" + value + "'");
    }
    return Hex.decode(value);
  }

  private static Bytes32 root(final String path, final JsonNode node, final String field) {
    final String value = text(path, node, field);
    if (!value.matches("0x[0-9a-fA-F]{64}")) {
      throw new BeaconConfigException(
          path, field + " is not a 32-byte 0x-hex root: '" + value + "'");
    }
    return Bytes32.fromHex(value);
  }
}

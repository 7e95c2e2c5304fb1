package io.zkstateless.validator.verify.http;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.BeaconBlockJson;
import io.zkstateless.common.model.electra.BeaconBlockJsonException;
import io.zkstateless.common.model.electra.ElectraNewPayloadRequest;
import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.validator.chain.BeaconBlock;
import io.zkstateless.validator.follow.BeaconApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Computes the Electra/Fulu {@code new_payload_request_root} of a block from its Beacon API JSON
 * (the follower knows beacon root ↔ execution block hash; the block JSON has the rest) and keeps
 * the last {@code capacity} roots, so the proofs of several types for one block cost one fetch.
 */
public final class BeaconPayloadRequestRoots implements PayloadRequestRoots {

  private final Function<Bytes32, JsonNode> blockJson;
  private final ElectraSchemas schemas;
  private final Map<Bytes32, Bytes32> cache;

  /**
   * @param blockJson {@code GET /eth/v2/beacon/blocks/{root}}; throws {@link BeaconApiException}
   */
  public BeaconPayloadRequestRoots(
      final Function<Bytes32, JsonNode> blockJson, final ElectraSchemas schemas, final int capacity) {
    this.blockJson = blockJson;
    this.schemas = schemas;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(final Map.Entry<Bytes32, Bytes32> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public Bytes32 rootFor(final BeaconBlock block) {
    synchronized (cache) {
      final Bytes32 cached = cache.get(block.root());
      if (cached != null) {
        return cached;
      }
    }
    final ElectraNewPayloadRequest request;
    try {
      request = BeaconBlockJson.newPayloadRequest(blockJson.apply(block.root()), schemas.preset());
    } catch (final BeaconApiException | BeaconBlockJsonException e) {
      throw new RootUnavailableException("block " + block.root() + ": " + e.getMessage());
    }
    if (!request.executionPayload().blockHash().equals(block.executionBlockHash())) {
      throw new RootUnavailableException(
          "beacon block " + block.root() + " now carries payload "
              + request.executionPayload().blockHash() + ", not " + block.executionBlockHash());
    }
    final Bytes32 root = schemas.newPayloadRequestRoot(request);
    synchronized (cache) {
      cache.put(block.root(), root);
    }
    return root;
  }
}

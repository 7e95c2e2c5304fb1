package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.List;
import java.util.Objects;

/**
 * What {@code engine_newPayload} receives: the payload plus what only the consensus layer knows
 * (blob versioned hashes, parent beacon block root, execution requests). Its SSZ {@code
 * hash_tree_root} is the {@code new_payload_request_root} an execution proof commits to.
 */
public record NewPayloadRequest(
    ExecutionPayload executionPayload,
    List<Bytes32> versionedHashes,
    Bytes32 parentBeaconBlockRoot,
    ExecutionRequests executionRequests) {

  public NewPayloadRequest {
    Objects.requireNonNull(executionPayload, "executionPayload");
    versionedHashes = List.copyOf(versionedHashes);
    Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot");
    Objects.requireNonNull(executionRequests, "executionRequests");
  }
}

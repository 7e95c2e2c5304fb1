package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.bytes.Bytes32;
import java.util.List;
import java.util.Objects;

/**
 * The pre-Gloas (Electra/Fulu) {@code NewPayloadRequest}: what {@code engine_newPayloadV4} gets,
 * as zkboost v0.7 decodes it from {@code POST /v1/execution_proof_requests} and hashes it into the
 * {@code new_payload_request_root} proofs are keyed by
 * ({@code eth-act/zkboost@9be2085d:crates/types/src/new_payload_request.rs}). Its root is not
 * interchangeable with the Gloas (progressive) root of {@link
 * io.zkstateless.common.model.stateless.NewPayloadRequest}.
 */
public record ElectraNewPayloadRequest(
    ElectraExecutionPayload executionPayload,
    List<Bytes32> versionedHashes,
    Bytes32 parentBeaconBlockRoot,
    ElectraExecutionRequests executionRequests) {

  public ElectraNewPayloadRequest {
    Objects.requireNonNull(executionPayload, "executionPayload");
    versionedHashes = List.copyOf(versionedHashes);
    Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot");
    Objects.requireNonNull(executionRequests, "executionRequests");
  }
}

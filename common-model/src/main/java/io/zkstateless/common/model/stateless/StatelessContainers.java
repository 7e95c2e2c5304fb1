package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszSchema;
import java.util.List;

/**
 * The plain containers whose shape every schema revision shares ({@code SszNewPayloadRequest},
 * {@code SszExecutionWitness}, {@code SszStatelessInput}); the revisions pass in the field types
 * that differ between them.
 */
final class StatelessContainers {

  private StatelessContainers() {}

  static SszContainerSchema<NewPayloadRequest> newPayloadRequest(
      final SszSchema<ExecutionPayload> payload,
      final SszSchema<List<Bytes32>> versionedHashes,
      final SszSchema<ExecutionRequests> requests) {
    final SszField<NewPayloadRequest, ExecutionPayload> payloadField =
        SszField.of("execution_payload", payload, NewPayloadRequest::executionPayload);
    final SszField<NewPayloadRequest, List<Bytes32>> hashesField =
        SszField.of("versioned_hashes", versionedHashes, NewPayloadRequest::versionedHashes);
    final SszField<NewPayloadRequest, Bytes32> beaconRootField =
        SszField.of(
            "parent_beacon_block_root",
            SszBytes32Schema.BYTES32,
            NewPayloadRequest::parentBeaconBlockRoot);
    final SszField<NewPayloadRequest, ExecutionRequests> requestsField =
        SszField.of("execution_requests", requests, NewPayloadRequest::executionRequests);
    return SszContainerSchema.of(
        "NewPayloadRequest",
        List.of(payloadField, hashesField, beaconRootField, requestsField),
        v ->
            new NewPayloadRequest(
                v.get(payloadField),
                v.get(hashesField),
                v.get(beaconRootField),
                v.get(requestsField)));
  }

  static SszContainerSchema<ExecutionWitness> witness(
      final SszSchema<List<ImmutableBytes>> state,
      final SszSchema<List<ImmutableBytes>> codes,
      final SszSchema<List<ImmutableBytes>> headers) {
    final SszField<ExecutionWitness, List<ImmutableBytes>> stateField =
        SszField.of("state", state, ExecutionWitness::state);
    final SszField<ExecutionWitness, List<ImmutableBytes>> codesField =
        SszField.of("codes", codes, ExecutionWitness::codes);
    final SszField<ExecutionWitness, List<ImmutableBytes>> headersField =
        SszField.of("headers", headers, ExecutionWitness::headers);
    return SszContainerSchema.of(
        "ExecutionWitness",
        List.of(stateField, codesField, headersField),
        // The guest input carries no keys: they are a hint for witness checks, not guest input.
        v -> new ExecutionWitness(v.get(stateField), v.get(codesField), List.of(), v.get(headersField)));
  }

  /**
   * @param chainConfigName {@code chain_config} where the chain sits in a container, {@code
   *     chain_id} where it is a bare {@code uint64}
   */
  static SszContainerSchema<StatelessInput> statelessInput(
      final SszSchema<NewPayloadRequest> request,
      final SszSchema<ExecutionWitness> witness,
      final String chainConfigName,
      final SszSchema<ChainConfig> chainConfig,
      final SszSchema<List<ImmutableBytes>> publicKeys) {
    final SszField<StatelessInput, NewPayloadRequest> requestField =
        SszField.of("new_payload_request", request, StatelessInput::newPayloadRequest);
    final SszField<StatelessInput, ExecutionWitness> witnessField =
        SszField.of("witness", witness, StatelessInput::witness);
    final SszField<StatelessInput, ChainConfig> chainConfigField =
        SszField.of(chainConfigName, chainConfig, StatelessInput::chainConfig);
    final SszField<StatelessInput, List<ImmutableBytes>> publicKeysField =
        SszField.of("public_keys", publicKeys, StatelessInput::publicKeys);
    return SszContainerSchema.of(
        "StatelessInput",
        List.of(requestField, witnessField, chainConfigField, publicKeysField),
        v ->
            new StatelessInput(
                v.get(requestField),
                v.get(witnessField),
                v.get(chainConfigField),
                v.get(publicKeysField)));
  }
}

package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszDecodeException;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszListSchema;
import io.zkstateless.common.model.stateless.ExecutionRequests.Consolidation;
import io.zkstateless.common.model.stateless.ExecutionRequests.Deposit;
import io.zkstateless.common.model.stateless.ExecutionRequests.WithdrawalRequest;
import io.zkstateless.common.model.stateless.RequestSchemas;
import java.util.List;

/**
 * The non-progressive SSZ schemas of the Electra/Fulu {@code ExecutionPayload}, {@code
 * ExecutionRequests} and {@code NewPayloadRequest} for one preset: plain containers and bounded
 * lists, as consensus-specs defines the first two and as zkboost v0.7 defines the third ({@code
 * versioned_hashes: List[Bytes32, MAX_BLOB_COMMITMENTS_PER_BLOCK]}). Decoding is strict (canonical
 * encodings only, every limit checked before allocation) and fails with {@link
 * SszDecodeException}.
 */
public final class ElectraSchemas {

  /** The mainnet preset: what zkboost and every public network use. */
  public static final ElectraSchemas MAINNET = new ElectraSchemas(ElectraPreset.MAINNET);

  private final ElectraPreset preset;
  private final SszContainerSchema<ElectraExecutionPayload> executionPayload;
  private final SszContainerSchema<ElectraExecutionRequests> executionRequests;
  private final SszContainerSchema<ElectraNewPayloadRequest> newPayloadRequest;

  public ElectraSchemas(final ElectraPreset preset) {
    this.preset = preset;
    final ElectraPayloadFields payloadFields = new ElectraPayloadFields(preset);
    this.executionPayload =
        SszContainerSchema.of("ExecutionPayload", payloadFields.all(), payloadFields::construct);
    this.executionRequests = requestsSchema(preset);
    this.newPayloadRequest = newPayloadRequestSchema(preset, executionPayload, executionRequests);
  }

  public ElectraPreset preset() {
    return preset;
  }

  public SszContainerSchema<ElectraExecutionPayload> executionPayload() {
    return executionPayload;
  }

  public SszContainerSchema<ElectraExecutionRequests> executionRequests() {
    return executionRequests;
  }

  public SszContainerSchema<ElectraNewPayloadRequest> newPayloadRequest() {
    return newPayloadRequest;
  }

  /** {@code hash_tree_root(request)}: the {@code new_payload_request_root} zkboost keys by. */
  public Bytes32 newPayloadRequestRoot(final ElectraNewPayloadRequest request) {
    return newPayloadRequest.hashTreeRoot(request);
  }

  /** The SSZ body of {@code POST /v1/execution_proof_requests}. */
  public byte[] encode(final ElectraNewPayloadRequest request) {
    return newPayloadRequest.encode(request);
  }

  /**
   * @throws SszDecodeException for anything but the canonical encoding of one request
   */
  public ElectraNewPayloadRequest decode(final byte[] bytes) {
    return newPayloadRequest.decode(bytes);
  }

  private static SszContainerSchema<ElectraExecutionRequests> requestsSchema(
      final ElectraPreset preset) {
    final SszField<ElectraExecutionRequests, List<Deposit>> deposits =
        SszField.of(
            "deposits",
            new SszListSchema<>(RequestSchemas.DEPOSIT, preset.maxDepositRequestsPerPayload()),
            ElectraExecutionRequests::deposits);
    final SszField<ElectraExecutionRequests, List<WithdrawalRequest>> withdrawals =
        SszField.of(
            "withdrawals",
            new SszListSchema<>(
                RequestSchemas.WITHDRAWAL_REQUEST, preset.maxWithdrawalRequestsPerPayload()),
            ElectraExecutionRequests::withdrawals);
    final SszField<ElectraExecutionRequests, List<Consolidation>> consolidations =
        SszField.of(
            "consolidations",
            new SszListSchema<>(
                RequestSchemas.CONSOLIDATION, preset.maxConsolidationRequestsPerPayload()),
            ElectraExecutionRequests::consolidations);
    return SszContainerSchema.of(
        "ExecutionRequests",
        List.of(deposits, withdrawals, consolidations),
        v ->
            new ElectraExecutionRequests(
                v.get(deposits), v.get(withdrawals), v.get(consolidations)));
  }

  private static SszContainerSchema<ElectraNewPayloadRequest> newPayloadRequestSchema(
      final ElectraPreset preset,
      final SszContainerSchema<ElectraExecutionPayload> payload,
      final SszContainerSchema<ElectraExecutionRequests> requests) {
    final SszField<ElectraNewPayloadRequest, ElectraExecutionPayload> payloadField =
        SszField.of("execution_payload", payload, ElectraNewPayloadRequest::executionPayload);
    final SszField<ElectraNewPayloadRequest, List<Bytes32>> hashesField =
        SszField.of(
            "versioned_hashes",
            new SszListSchema<>(SszBytes32Schema.BYTES32, preset.maxBlobCommitmentsPerBlock()),
            ElectraNewPayloadRequest::versionedHashes);
    final SszField<ElectraNewPayloadRequest, Bytes32> beaconRootField =
        SszField.of(
            "parent_beacon_block_root",
            SszBytes32Schema.BYTES32,
            ElectraNewPayloadRequest::parentBeaconBlockRoot);
    final SszField<ElectraNewPayloadRequest, ElectraExecutionRequests> requestsField =
        SszField.of("execution_requests", requests, ElectraNewPayloadRequest::executionRequests);
    return SszContainerSchema.of(
        "NewPayloadRequest",
        List.of(payloadField, hashesField, beaconRootField, requestsField),
        v ->
            new ElectraNewPayloadRequest(
                v.get(payloadField),
                v.get(hashesField),
                v.get(beaconRootField),
                v.get(requestsField)));
  }
}

package io.zkstateless.common.p2p.eth2.reqresp;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.ssz.Bitfield;
import io.zkstateless.common.model.ssz.SszBitvectorSchema;
import io.zkstateless.common.model.ssz.SszByteVectorSchema;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszContainerSchema;
import io.zkstateless.common.model.ssz.SszField;
import io.zkstateless.common.model.ssz.SszSchema;
import io.zkstateless.common.model.ssz.SszUintSchema;
import java.util.List;

/**
 * SSZ schemas of the req/resp messages ({@code phase0/p2p-interface.md}, {@code
 * altair/p2p-interface.md}). Ping and Goodbye are a bare {@code uint64}: a single-field message is
 * encoded as that field.
 */
public final class ReqRespSchemas {

  private static final SszField<Status, ImmutableBytes> FORK_DIGEST =
      SszField.of(
          "fork_digest", new SszByteVectorSchema(Status.FORK_DIGEST_SIZE), Status::forkDigest);
  private static final SszField<Status, Bytes32> FINALIZED_ROOT =
      SszField.of("finalized_root", SszBytes32Schema.BYTES32, Status::finalizedRoot);
  private static final SszField<Status, Long> FINALIZED_EPOCH =
      SszField.of("finalized_epoch", SszUintSchema.UINT64, Status::finalizedEpoch);
  private static final SszField<Status, Bytes32> HEAD_ROOT =
      SszField.of("head_root", SszBytes32Schema.BYTES32, Status::headRoot);
  private static final SszField<Status, Long> HEAD_SLOT =
      SszField.of("head_slot", SszUintSchema.UINT64, Status::headSlot);

  /** {@code Status} v1: 84 bytes. */
  public static final SszContainerSchema<Status> STATUS =
      SszContainerSchema.of(
          "Status",
          List.of(FORK_DIGEST, FINALIZED_ROOT, FINALIZED_EPOCH, HEAD_ROOT, HEAD_SLOT),
          v ->
              new Status(
                  v.get(FORK_DIGEST),
                  v.get(FINALIZED_ROOT),
                  v.get(FINALIZED_EPOCH),
                  v.get(HEAD_ROOT),
                  v.get(HEAD_SLOT)));

  private static final SszField<MetaData, Long> SEQ_NUMBER =
      SszField.of("seq_number", SszUintSchema.UINT64, MetaData::seqNumber);
  private static final SszField<MetaData, Bitfield> ATTNETS =
      SszField.of(
          "attnets", new SszBitvectorSchema(MetaData.ATTESTATION_SUBNET_COUNT), MetaData::attnets);
  private static final SszField<MetaData, Bitfield> SYNCNETS =
      SszField.of(
          "syncnets",
          new SszBitvectorSchema(MetaData.SYNC_COMMITTEE_SUBNET_COUNT),
          MetaData::syncnets);

  /** {@code MetaData} v2: 17 bytes. */
  public static final SszContainerSchema<MetaData> METADATA =
      SszContainerSchema.of(
          "MetaData",
          List.of(SEQ_NUMBER, ATTNETS, SYNCNETS),
          v -> new MetaData(v.get(SEQ_NUMBER), v.get(ATTNETS), v.get(SYNCNETS)));

  private static final SszField<StatusV2, ImmutableBytes> V2_FORK_DIGEST =
      SszField.of(
          "fork_digest",
          new SszByteVectorSchema(Status.FORK_DIGEST_SIZE),
          v -> v.status().forkDigest());
  private static final SszField<StatusV2, Bytes32> V2_FINALIZED_ROOT =
      SszField.of("finalized_root", SszBytes32Schema.BYTES32, v -> v.status().finalizedRoot());
  private static final SszField<StatusV2, Long> V2_FINALIZED_EPOCH =
      SszField.of("finalized_epoch", SszUintSchema.UINT64, v -> v.status().finalizedEpoch());
  private static final SszField<StatusV2, Bytes32> V2_HEAD_ROOT =
      SszField.of("head_root", SszBytes32Schema.BYTES32, v -> v.status().headRoot());
  private static final SszField<StatusV2, Long> V2_HEAD_SLOT =
      SszField.of("head_slot", SszUintSchema.UINT64, v -> v.status().headSlot());
  private static final SszField<StatusV2, Long> EARLIEST_AVAILABLE_SLOT =
      SszField.of("earliest_available_slot", SszUintSchema.UINT64, StatusV2::earliestAvailableSlot);

  /** {@code Status} v2 (Fulu): 92 bytes. */
  public static final SszContainerSchema<StatusV2> STATUS_V2 =
      SszContainerSchema.of(
          "StatusV2",
          List.of(
              V2_FORK_DIGEST,
              V2_FINALIZED_ROOT,
              V2_FINALIZED_EPOCH,
              V2_HEAD_ROOT,
              V2_HEAD_SLOT,
              EARLIEST_AVAILABLE_SLOT),
          v ->
              new StatusV2(
                  new Status(
                      v.get(V2_FORK_DIGEST),
                      v.get(V2_FINALIZED_ROOT),
                      v.get(V2_FINALIZED_EPOCH),
                      v.get(V2_HEAD_ROOT),
                      v.get(V2_HEAD_SLOT)),
                  v.get(EARLIEST_AVAILABLE_SLOT)));

  private static final SszField<MetaDataV3, Long> V3_SEQ_NUMBER =
      SszField.of("seq_number", SszUintSchema.UINT64, v -> v.metaData().seqNumber());
  private static final SszField<MetaDataV3, Bitfield> V3_ATTNETS =
      SszField.of(
          "attnets",
          new SszBitvectorSchema(MetaData.ATTESTATION_SUBNET_COUNT),
          v -> v.metaData().attnets());
  private static final SszField<MetaDataV3, Bitfield> V3_SYNCNETS =
      SszField.of(
          "syncnets",
          new SszBitvectorSchema(MetaData.SYNC_COMMITTEE_SUBNET_COUNT),
          v -> v.metaData().syncnets());
  private static final SszField<MetaDataV3, Long> CUSTODY_GROUP_COUNT =
      SszField.of("custody_group_count", SszUintSchema.UINT64, MetaDataV3::custodyGroupCount);

  /** {@code MetaData} v3 (Fulu): 25 bytes. */
  public static final SszContainerSchema<MetaDataV3> METADATA_V3 =
      SszContainerSchema.of(
          "MetaDataV3",
          List.of(V3_SEQ_NUMBER, V3_ATTNETS, V3_SYNCNETS, CUSTODY_GROUP_COUNT),
          v ->
              new MetaDataV3(
                  new MetaData(v.get(V3_SEQ_NUMBER), v.get(V3_ATTNETS), v.get(V3_SYNCNETS)),
                  v.get(CUSTODY_GROUP_COUNT)));

  /** Ping's {@code seq_number} and Goodbye's reason. */
  public static final SszSchema<Long> UINT64 = SszUintSchema.UINT64;

  private ReqRespSchemas() {}
}

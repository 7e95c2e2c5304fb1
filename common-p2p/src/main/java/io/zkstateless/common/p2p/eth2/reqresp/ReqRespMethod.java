package io.zkstateless.common.p2p.eth2.reqresp;

import io.zkstateless.common.model.ssz.SszSchema;
import java.util.Optional;

/**
 * One req/resp protocol: its multistream id and the SSZ schemas of its request (none for
 * GetMetaData) and its single response chunk.
 */
public record ReqRespMethod<Q, R>(
    String protocolId, Optional<SszSchema<Q>> requestSchema, SszSchema<R> responseSchema) {

  private static final String PREFIX = "/eth2/beacon_chain/req/";

  public static final ReqRespMethod<Status, Status> STATUS =
      of("status/1", ReqRespSchemas.STATUS, ReqRespSchemas.STATUS);

  /** Fulu; not registered by {@link Eth2ReqResp}, which targets Capella-era peers. */
  public static final ReqRespMethod<StatusV2, StatusV2> STATUS_V2 =
      of("status/2", ReqRespSchemas.STATUS_V2, ReqRespSchemas.STATUS_V2);

  public static final ReqRespMethod<Long, Long> PING =
      of("ping/1", ReqRespSchemas.UINT64, ReqRespSchemas.UINT64);
  public static final ReqRespMethod<Void, MetaData> METADATA =
      new ReqRespMethod<>(
          PREFIX + "metadata/2/ssz_snappy", Optional.empty(), ReqRespSchemas.METADATA);

  /** Fulu; not registered by {@link Eth2ReqResp}, which targets Capella-era peers. */
  public static final ReqRespMethod<Void, MetaDataV3> METADATA_V3 =
      new ReqRespMethod<>(
          PREFIX + "metadata/3/ssz_snappy", Optional.empty(), ReqRespSchemas.METADATA_V3);

  public static final ReqRespMethod<Long, Long> GOODBYE =
      of("goodbye/1", ReqRespSchemas.UINT64, ReqRespSchemas.UINT64);

  private static <Q, R> ReqRespMethod<Q, R> of(
      final String nameAndVersion, final SszSchema<Q> request, final SszSchema<R> response) {
    return new ReqRespMethod<>(
        PREFIX + nameAndVersion + "/ssz_snappy", Optional.of(request), response);
  }

  /** Largest request SSZ size; 0 for a request without content. */
  public int maxRequestSize() {
    return requestSchema.map(schema -> (int) schema.maxSize()).orElse(0);
  }

  /** Largest SSZ size of a success chunk. */
  public int maxResponseSize() {
    return (int) responseSchema.maxSize();
  }

  /** Largest SSZ size of any chunk, success or error: what a reader must be ready to buffer. */
  int maxChunkSize() {
    return Math.max(maxResponseSize(), ResponseChunk.MAX_ERROR_MESSAGE_SIZE);
  }
}

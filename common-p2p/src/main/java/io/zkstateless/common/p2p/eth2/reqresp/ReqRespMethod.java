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
  public static final ReqRespMethod<Long, Long> PING =
      of("ping/1", ReqRespSchemas.UINT64, ReqRespSchemas.UINT64);
  public static final ReqRespMethod<Void, MetaData> METADATA =
      new ReqRespMethod<>(
          PREFIX + "metadata/2/ssz_snappy", Optional.empty(), ReqRespSchemas.METADATA);
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

  public int maxResponseSize() {
    return (int) Math.max(responseSchema.maxSize(), ResponseChunk.MAX_ERROR_MESSAGE_SIZE);
  }
}

package io.zkstateless.common.model.electra;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.List;

/** Requests built from the published vectors, for round trips and decoding checks. */
final class ElectraRequestSamples {

  private ElectraRequestSamples() {}

  static ElectraNewPayloadRequest withBlobsAndRequests() {
    final ElectraExecutionPayload payload =
        SszStaticVectors.payload(
            SszStaticVectors.value("mainnet/deneb/ExecutionPayload/ssz_random/case_4"));
    final ElectraExecutionRequests requests =
        SszStaticVectors.requests(
            SszStaticVectors.value("minimal/electra/ExecutionRequests/ssz_random/case_5"));
    return new ElectraNewPayloadRequest(
        payload,
        List.of(
            KzgVersionedHash.of(ImmutableBytes.of(new byte[48])),
            KzgVersionedHash.of(ImmutableBytes.fromHex("11".repeat(48)))),
        Bytes32.fromHex("0x" + "ab".repeat(32)),
        requests);
  }
}

package io.zkstateless.common.model.electra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;
import io.zkstateless.common.model.ssz.Merkleizer;
import io.zkstateless.common.model.ssz.SszBytes32Schema;
import io.zkstateless.common.model.ssz.SszDecodeException;
import io.zkstateless.common.model.ssz.SszListSchema;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElectraSchemasTest {

  private static final ElectraSchemas MINIMAL = new ElectraSchemas(ElectraPreset.MINIMAL);

  @Test
  void mainnetPayloadMatchesPublishedRoot() {
    final String dir = "mainnet/deneb/ExecutionPayload/ssz_random/case_4";
    final ElectraExecutionPayload payload = SszStaticVectors.payload(SszStaticVectors.value(dir));
    final var schema = ElectraSchemas.MAINNET.executionPayload();

    assertThat(schema.hashTreeRoot(payload)).isEqualTo(SszStaticVectors.root(dir));
    assertThat(schema.decode(schema.encode(payload))).isEqualTo(payload);
  }

  @Test
  void minimalPayloadMatchesPublishedRoot() {
    final String dir = "minimal/electra/ExecutionPayload/ssz_random/case_4";
    final ElectraExecutionPayload payload = SszStaticVectors.payload(SszStaticVectors.value(dir));

    assertThat(MINIMAL.executionPayload().hashTreeRoot(payload))
        .isEqualTo(SszStaticVectors.root(dir));
    // The withdrawal limit is part of the type: the mainnet tree is deeper, so the root differs.
    assertThat(ElectraSchemas.MAINNET.executionPayload().hashTreeRoot(payload))
        .isNotEqualTo(SszStaticVectors.root(dir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssz_random/case_4", "ssz_random/case_5", "ssz_one/case_2"})
  void requestsMatchPublishedRoots(final String name) {
    final String dir = "minimal/electra/ExecutionRequests/" + name;
    final ElectraExecutionRequests requests =
        SszStaticVectors.requests(SszStaticVectors.value(dir));
    final var schema = MINIMAL.executionRequests();

    assertThat(schema.hashTreeRoot(requests)).isEqualTo(SszStaticVectors.root(dir));
    assertThat(schema.decode(schema.encode(requests))).isEqualTo(requests);
    // Electra requests limits are the same in both presets.
    assertThat(ElectraSchemas.MAINNET.executionRequests().hashTreeRoot(requests))
        .isEqualTo(SszStaticVectors.root(dir));
  }

  @Test
  void newPayloadRequestRootIsTheContainerOfTheFieldRoots() {
    final ElectraNewPayloadRequest request = ElectraRequestSamples.withBlobsAndRequests();
    final var schemas = ElectraSchemas.MAINNET;
    final byte[] chunks = new byte[4 * 32];
    schemas.executionPayload().hashTreeRoot(request.executionPayload()).copyTo(chunks, 0);
    new SszListSchema<>(SszBytes32Schema.BYTES32, 4096)
        .hashTreeRoot(request.versionedHashes())
        .copyTo(chunks, 32);
    request.parentBeaconBlockRoot().copyTo(chunks, 64);
    schemas.executionRequests().hashTreeRoot(request.executionRequests()).copyTo(chunks, 96);

    assertThat(schemas.newPayloadRequestRoot(request))
        .isEqualTo(Merkleizer.merkleize(chunks, chunks.length, 4));
  }

  @Test
  void encodingRoundTripsAndStartsWithTheFourFieldFixedPart() {
    final ElectraNewPayloadRequest request = ElectraRequestSamples.withBlobsAndRequests();
    final byte[] bytes = ElectraSchemas.MAINNET.encode(request);

    assertThat(ElectraSchemas.MAINNET.decode(bytes)).isEqualTo(request);
    // offset(payload) | offset(hashes) | parent_beacon_block_root | offset(requests) = 44 bytes
    assertThat(bytes[0]).isEqualTo((byte) 44);
    assertThat(Arrays.copyOfRange(bytes, 8, 40))
        .isEqualTo(request.parentBeaconBlockRoot().toArray());
  }

  @Test
  void decodeRejectsTruncatedAndTrailingInputWithDecodeException() {
    final byte[] bytes = ElectraSchemas.MAINNET.encode(ElectraRequestSamples.withBlobsAndRequests());

    for (int cut = 0; cut < bytes.length; cut += 7) {
      final byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> ElectraSchemas.MAINNET.decode(truncated))
          .isInstanceOf(SszDecodeException.class);
    }
    final byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> ElectraSchemas.MAINNET.decode(trailing))
        .isInstanceOf(SszDecodeException.class);
  }

  @Test
  void decodeRejectsTooManyVersionedHashes() {
    final ElectraNewPayloadRequest ok = ElectraRequestSamples.withBlobsAndRequests();
    final ElectraNewPayloadRequest tooMany =
        new ElectraNewPayloadRequest(
            ok.executionPayload(),
            Collections.nCopies(33, Bytes32.ZERO),
            ok.parentBeaconBlockRoot(),
            ok.executionRequests());
    final byte[] bytes = ElectraSchemas.MAINNET.encode(tooMany);

    assertThatThrownBy(() -> MINIMAL.decode(bytes))
        .isInstanceOf(SszDecodeException.class)
        .hasMessageContaining("versioned_hashes");
  }

  @Test
  void kzgVersionedHashIsVersionByteThenSha256Tail() {
    final ImmutableBytes commitment = ImmutableBytes.of(new byte[48]);
    final Bytes32 hash = KzgVersionedHash.of(commitment);
    final byte[] sha =
        Hashes.sha256(new byte[48]).toArray();

    assertThat(hash.get(0)).isEqualTo((byte) 1);
    assertThat(Arrays.copyOfRange(hash.toArray(), 1, 32)).isEqualTo(Arrays.copyOfRange(sha, 1, 32));
    assertThatThrownBy(() -> KzgVersionedHash.of(ImmutableBytes.of(new byte[47])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void electraRootDiffersFromTheEmptyListRoot() {
    final ElectraNewPayloadRequest request = ElectraRequestSamples.withBlobsAndRequests();
    final ElectraNewPayloadRequest noBlobs =
        new ElectraNewPayloadRequest(
            request.executionPayload(),
            List.of(),
            request.parentBeaconBlockRoot(),
            request.executionRequests());
    assertThat(ElectraSchemas.MAINNET.newPayloadRequestRoot(request))
        .isNotEqualTo(ElectraSchemas.MAINNET.newPayloadRequestRoot(noBlobs));
  }
}

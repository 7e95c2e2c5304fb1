package io.zkstateless.prover.proving.zkboost;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.electra.BeaconBlockJson;
import io.zkstateless.common.model.electra.BeaconBlockJsonException;
import io.zkstateless.common.model.electra.ElectraNewPayloadRequest;
import io.zkstateless.common.model.electra.ElectraPreset;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.proving.ProvingException;
import io.zkstateless.prover.watch.BeaconBlocksClient;
import io.zkstateless.prover.watch.BeaconWatchException;

/**
 * Fetches the job's beacon block ({@code GET /eth/v2/beacon/blocks/{root}}) and builds its
 * Electra/Fulu {@code NewPayloadRequest}. Jobs from execution-client polling have no beacon block
 * root ({@link Bytes32#ZERO}), and an execution block alone cannot give the request: its execution
 * requests are not recoverable from it (only their hash is). Such jobs fail with {@code
 * no_beacon_block}; run the zkboost adapter with {@code prover.watch.source=beacon}.
 */
public final class BeaconNewPayloadRequestSource implements NewPayloadRequestSource {

  private final BeaconBlocksClient beacon;
  private final ElectraPreset preset;

  public BeaconNewPayloadRequestSource(final BeaconBlocksClient beacon, final ElectraPreset preset) {
    this.beacon = beacon;
    this.preset = preset;
  }

  @Override
  public ElectraNewPayloadRequest forBlock(final BlockRef block) {
    if (block.beaconBlockRoot().equals(Bytes32.ZERO)) {
      // Permanent: retrying cannot produce a beacon block for a job that came from EL polling.
      throw ProvingException.permanent(
          "no_beacon_block",
          "zkboost needs the beacon block to build the NewPayloadRequest; block "
              + block.blockHash()
              + " came from execution-client polling (prover.watch.source=execution)");
    }
    final ElectraNewPayloadRequest request;
    try {
      request = BeaconBlockJson.newPayloadRequest(beacon.blockJson(block.beaconBlockRoot()), preset);
    } catch (final BeaconWatchException e) {
      throw ProvingException.inputOutage("beacon_unavailable", e.getMessage());
    } catch (final BeaconBlockJsonException e) {
      throw ProvingException.permanent("block_malformed", e.getMessage());
    }
    if (!request.executionPayload().blockHash().equals(block.blockHash())) {
      throw new ProvingException(
          "block_mismatch",
          "beacon block "
              + block.beaconBlockRoot()
              + " carries payload "
              + request.executionPayload().blockHash()
              + ", the job names "
              + block.blockHash());
    }
    return request;
  }
}

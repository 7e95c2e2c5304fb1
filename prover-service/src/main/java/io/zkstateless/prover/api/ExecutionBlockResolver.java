package io.zkstateless.prover.api;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.prover.watch.BeaconBlockInfo;
import io.zkstateless.prover.watch.BeaconWatchException;
import io.zkstateless.prover.watch.PayloadBlockFinder;
import io.zkstateless.prover.watch.WatchProperties;
import io.zkstateless.prover.witness.ExecutionBlockHeader;
import io.zkstateless.prover.witness.ExecutionClientException;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import io.zkstateless.prover.witness.FailureReason;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns an execution block named by an operator (hash or number) into the beacon block that carried
 * it: the header from the execution client, then {@link PayloadBlockFinder} on the beacon node.
 * Failures are HTTP answers: 404 if the execution client does not know the block, 502 if the
 * execution client or the beacon node cannot be asked, 422 if the beacon node holds no block
 * carrying it (a block off the beacon node's chain, or one from before Cancun, whose header names
 * no parent beacon block).
 */
final class ExecutionBlockResolver {

  private final ExecutionWitnessClient executionClient;
  private final PayloadBlockFinder finder;
  private final WatchProperties watch;

  ExecutionBlockResolver(
      final ExecutionWitnessClient executionClient,
      final PayloadBlockFinder finder,
      final WatchProperties watch) {
    this.executionClient = executionClient;
    this.finder = finder;
    this.watch = watch;
  }

  BeaconBlockInfo byHash(final Bytes32 blockHash) {
    return resolve("hash " + blockHash, () -> executionClient.fetchHeader(blockHash));
  }

  BeaconBlockInfo byNumber(final long blockNumber) {
    return resolve("number " + blockNumber, () -> executionClient.fetchHeader(blockNumber));
  }

  private BeaconBlockInfo resolve(
      final String name, final Supplier<CompletableFuture<ExecutionBlockHeader>> fetch) {
    final ExecutionBlockHeader header = header(name, fetch);
    final Bytes32 parentRoot =
        header
            .parentBeaconBlockRoot()
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "execution block "
                            + name
                            + " has no parentBeaconBlockRoot (pre-Cancun): no beacon block to"
                            + " find it by"));
    // Pre-Amsterdam headers carry no slot; the configured genesis time can still derive it.
    final OptionalLong slot =
        header.slotNumber().isPresent() || watch.genesisTime() < 0
            ? header.slotNumber()
            : OptionalLong.of(watch.slotAt(header.timestamp()));
    try {
      return finder
          .find(header.hash(), slot, parentRoot)
          .orElseThrow(
              () ->
                  new ResponseStatusException(
                      HttpStatus.UNPROCESSABLE_CONTENT,
                      "the beacon node has no block carrying execution block "
                          + header.hash()
                          + " (number "
                          + header.number()
                          + ", parent beacon block "
                          + parentRoot
                          + ")"));
    } catch (final BeaconWatchException e) {
      throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "beacon node: " + e.getMessage());
    }
  }

  private static ExecutionBlockHeader header(
      final String name, final Supplier<CompletableFuture<ExecutionBlockHeader>> fetch) {
    try {
      return fetch.get().join();
    } catch (final CompletionException e) {
      if (e.getCause() instanceof ExecutionClientException client
          && client.reason() == FailureReason.NOT_FOUND) {
        throw new ResponseStatusException(
            HttpStatus.NOT_FOUND, "the execution client knows no block with " + name);
      }
      final Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ResponseStatusException(
          HttpStatus.BAD_GATEWAY, "execution client: " + cause.getMessage());
    }
  }
}

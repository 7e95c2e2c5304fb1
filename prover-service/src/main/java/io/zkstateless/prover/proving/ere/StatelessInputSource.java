package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.common.model.stateless.AmsterdamBlock;
import io.zkstateless.common.model.stateless.ExecutionRequests;
import io.zkstateless.common.model.stateless.NewPayloadRequest;
import io.zkstateless.common.model.stateless.NewPayloadRequestBuilder;
import io.zkstateless.common.model.stateless.RequestsHash;
import io.zkstateless.common.model.stateless.StatelessInput;
import io.zkstateless.common.model.stateless.StatelessSchemaRevision;
import io.zkstateless.common.model.witness.ExecutionWitness;
import io.zkstateless.prover.jobs.BlockRef;
import io.zkstateless.prover.proving.ProvingException;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import io.zkstateless.prover.witness.WitnessEntries;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a block's EIP-8025 guest input from the execution client, the way zkboost does (spec
 * witness-and-el §5.4): the block RLP ({@code debug_getRawBlock}) and the witness in parallel, then
 * the block access list ({@code debug_getRawBlockAccessList}, which the Amsterdam block body does
 * not carry) and the chain id; then {@link NewPayloadRequestBuilder} and the configured {@link
 * StatelessSchemaRevision}, framed as ere's prefixed stdin.
 *
 * <p>The block's EIP-7685 execution requests are not in its RLP (only their hash is): they come
 * with the job when the watcher saw the beacon block, else from the beacon node ({@link
 * ExecutionRequestsLookup}) when one is configured; either way they must hash to the header's
 * {@code requests_hash}.
 *
 * <p>Failures are {@link ProvingException}s: the execution client's and beacon node's transient
 * ones retryable, and those that no retry can cure permanent: no access list for the block, a
 * block that is not an Amsterdam block, an input over the limits, requests that do not match the
 * header, and a block with requests when neither the job nor a beacon node can supply them.
 */
final class StatelessInputSource {

  private static final Bytes32 NO_REQUESTS_HASH = RequestsHash.of(ExecutionRequests.EMPTY);

  private final ExecutionWitnessClient el;
  private final StatelessSchemaRevision revision;
  private final int maxInputBytes;
  private final Executor executor;
  private final AtomicLong chainId;
  private final ExecutionRequestsLookup requestsLookup;

  /**
   * @param chainId the chain id, or 0 to read it once from {@code debug_chainConfig}
   * @param requestsLookup where to find the requests a job does not carry, or null if there is no
   *     beacon node to ask
   */
  StatelessInputSource(
      final ExecutionWitnessClient el,
      final StatelessSchemaRevision revision,
      final long chainId,
      final int maxInputBytes,
      final Executor executor,
      final ExecutionRequestsLookup requestsLookup) {
    this.el = el;
    this.requestsLookup = requestsLookup;
    this.revision = revision;
    this.chainId = new AtomicLong(chainId);
    this.maxInputBytes = maxInputBytes;
    this.executor = executor;
  }

  CompletableFuture<GuestInput> inputFor(final BlockRef ref) {
    final Bytes32 blockHash = ref.blockHash();
    final CompletableFuture<io.zkstateless.prover.witness.ExecutionWitness> witness =
        el.fetchWitness(blockHash).exceptionally(ElFailures::retryable);
    final CompletableFuture<byte[]> rawBlock =
        el.fetchRawBlock(blockHash).exceptionally(ElFailures::retryable);
    // Asked only once the block exists, so "no list" is the client's final word on it.
    final CompletableFuture<byte[]> accessList =
        rawBlock.thenCompose(
            ignored ->
                el.fetchRawBlockAccessList(blockHash).exceptionally(ElFailures::blockAccessList));
    return CompletableFuture.allOf(witness, accessList, chainId())
        .thenApplyAsync(
            ignored ->
                build(ref, rawBlock.join(), accessList.join(), witness.join(), chainId.get()),
            executor);
  }

  private CompletableFuture<Long> chainId() {
    final long known = chainId.get();
    if (known != 0) {
      return CompletableFuture.completedFuture(known);
    }
    return el.fetchChainConfig()
        .exceptionally(ElFailures::retryable)
        .thenApply(
            config -> {
              final long id = config.path("chainId").asLong(0);
              if (id <= 0) {
                throw new ProvingException(
                    "chain_config_malformed", "debug_chainConfig has no positive chainId");
              }
              chainId.compareAndSet(0, id);
              return id;
            });
  }

  private GuestInput build(
      final BlockRef ref,
      final byte[] rawBlock,
      final byte[] accessList,
      final io.zkstateless.prover.witness.ExecutionWitness witness,
      final long chain) {
    final Bytes32 blockHash = ref.blockHash();
    final AmsterdamBlock block;
    final List<ImmutableBytes> headers;
    try {
      block = AmsterdamBlock.decode(rawBlock);
      headers = WitnessHeaders.ascending(bytes(witness.headers()));
    } catch (final DecodeException e) {
      throw ProvingException.permanent(
          "input_unbuildable", "block " + blockHash + " or its witness headers: " + e.getMessage());
    }
    if (!block.blockHash().equals(blockHash)) {
      throw new ProvingException(
          "block_mismatch", "debug_getRawBlock answered block " + block.blockHash());
    }
    final ExecutionRequests requests = requestsOf(ref, block);
    final byte[] encoded;
    try {
      final NewPayloadRequest request =
          NewPayloadRequestBuilder.fromBlock(
              block, ImmutableBytes.of(accessList), requests);
      final StatelessInput input =
          new StatelessInput(
              request,
              new ExecutionWitness(
                  bytes(witness.state()), bytes(witness.codes()), List.of(), headers),
              chain,
              List.of());
      encoded = revision.encodeInput(input);
      if (encoded.length > maxInputBytes - GuestInput.PREFIX_SIZE) {
        throw new IllegalArgumentException(
            "guest input of " + encoded.length + " bytes exceeds the limit of " + maxInputBytes);
      }
      return new GuestInput(
          GuestInput.prefixed(encoded), revision.newPayloadRequestRoot(request), chain);
    } catch (final DecodeException | IllegalArgumentException e) {
      // The access list does not match the header, a blob transaction is malformed, or the
      // witness exceeds the schema's or our limits: the same block fails the same way next time.
      throw ProvingException.permanent(
          "input_unbuildable", "block " + block.number() + ": " + e.getMessage());
    }
  }

  /** The block's requests, checked against its header's {@code requests_hash}. */
  private ExecutionRequests requestsOf(final BlockRef ref, final AmsterdamBlock block) {
    final ElectraExecutionRequests found;
    if (ref.executionRequests().isPresent()) {
      found = ref.executionRequests().get();
    } else if (block.requestsHash().equals(NO_REQUESTS_HASH)) {
      return ExecutionRequests.EMPTY;
    } else if (requestsLookup != null) {
      found = requestsLookup.find(block.blockHash(), block.slotNumber(), block.parentBeaconBlockRoot());
    } else {
      throw ProvingException.permanent(
          "execution_requests_unavailable",
          "block "
              + block.number()
              + " carries execution requests (requests_hash "
              + block.requestsHash()
              + "), which only its beacon block holds; the job has none (execution-client"
              + " source) and no beacon node is configured to look them up"
              + " (prover.watch.beacon-lookup)");
    }
    final ExecutionRequests requests =
        new ExecutionRequests(
            found.deposits(), found.withdrawals(), found.consolidations(), List.of(), List.of());
    final Bytes32 hash = RequestsHash.of(requests);
    if (!hash.equals(block.requestsHash())) {
      throw ProvingException.permanent(
          "execution_requests_mismatch",
          "block "
              + block.number()
              + ": the beacon block's execution requests hash to "
              + hash
              + ", the header commits to "
              + block.requestsHash());
    }
    return requests;
  }

  private static List<ImmutableBytes> bytes(final WitnessEntries entries) {
    return entries.toList().stream().map(ImmutableBytes::of).toList();
  }
}

package io.zkstateless.prover.proving;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.codec.DecodeException;
import io.zkstateless.common.model.rlp.RlpReader;
import io.zkstateless.common.model.witness.WitnessProof;
import io.zkstateless.common.model.witness.WitnessProofFormat;
import io.zkstateless.prover.witness.ExecutionClientException;
import io.zkstateless.prover.witness.ExecutionWitness;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import io.zkstateless.prover.witness.WitnessEntries;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The built-in {@code witness} adapter (proof type {@code witness}, subnet 0): fetches the block's
 * execution witness and raw block from the execution client and answers the block header plus the
 * witness in {@link WitnessProofFormat} (snappy-compressed RLP), which the validator's witness
 * verifier checks. No GPU is involved; the pool's size bounds concurrent
 * witness fetches. A witness whose compressed form exceeds the 4 MiB proof limit fails with {@code
 * proof_too_large} (common on mainnet; retrying does not help, so such jobs end failed).
 */
public final class WitnessZkvmWorker implements ZkvmWorker {

  private final String id;
  private final ExecutionWitnessClient client;
  private final int maxUncompressedBytes;
  private final Executor executor;

  public WitnessZkvmWorker(
      final String id,
      final ExecutionWitnessClient client,
      final int maxUncompressedBytes,
      final Executor executor) {
    this.id = id;
    this.client = client;
    this.maxUncompressedBytes = maxUncompressedBytes;
    this.executor = executor;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public CompletableFuture<byte[]> prove(final ProofRequest request) {
    final Bytes32 hash = request.block().blockHash();
    final CompletableFuture<ExecutionWitness> witness = client.fetchWitness(hash).exceptionally(WitnessZkvmWorker::fetchFailed);
    final CompletableFuture<byte[]> rawBlock = client.fetchRawBlock(hash).exceptionally(WitnessZkvmWorker::fetchFailed);
    return witness.thenCombineAsync(rawBlock, this::proofData, executor);
  }

  /** The witness proof data of common-model's {@link WitnessProofFormat}, which the validator checks. */
  private byte[] proofData(final ExecutionWitness witness, final byte[] rawBlock) {
    if (witness.totalBytes() > maxUncompressedBytes) {
      throw new ProvingException("witness_too_large",
          "witness of " + witness.totalBytes() + " bytes exceeds the limit of " + maxUncompressedBytes);
    }
    final byte[] header;
    try {
      header = RlpReader.of(rawBlock).readList().readRaw();
    } catch (final DecodeException e) {
      throw new ProvingException("block_malformed", "debug_getRawBlock answer is not a block: " + e.getMessage());
    }
    final WitnessProof proof = new WitnessProof(ImmutableBytes.of(header),
        new io.zkstateless.common.model.witness.ExecutionWitness(
            bytes(witness.state()), bytes(witness.codes()),
            witness.keys().map(WitnessZkvmWorker::bytes).orElse(List.of()), bytes(witness.headers())));
    try {
      return WitnessProofFormat.encode(proof);
    } catch (final IllegalArgumentException e) {
      // The format's limits (4 MiB compressed, node and code sizes): retrying cannot help.
      throw new ProvingException("proof_too_large", e.getMessage());
    }
  }

  private static List<ImmutableBytes> bytes(final WitnessEntries entries) {
    return entries.toList().stream().map(ImmutableBytes::of).toList();
  }

  private static <T> T fetchFailed(final Throwable error) {
    final Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ExecutionClientException el) {
      final String reason = "witness_" + el.reason().name().toLowerCase(Locale.ROOT);
      throw el.reason().isOutage()
          ? ProvingException.inputOutage(reason, el.getMessage())
          : new ProvingException(reason, el.getMessage());
    }
    throw error instanceof CompletionException completion ? completion : new CompletionException(error);
  }
}

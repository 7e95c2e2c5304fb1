package io.zkstateless.prover.proving;

import io.zkstateless.common.model.proof.ExecutionProofSchema;
import io.zkstateless.common.model.snappy.SnappyBlock;
import io.zkstateless.prover.witness.ExecutionClientException;
import io.zkstateless.prover.witness.ExecutionWitnessClient;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The built-in {@code witness} adapter (proof type {@code witness}, subnet 0): fetches the block's
 * execution witness from the execution client and answers it, laid out by {@link WitnessProofData}
 * and snappy-compressed, as the proof data. No GPU is involved; the pool's size bounds concurrent
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
    return client
        .fetchWitness(request.block().blockHash())
        .exceptionally(
            error -> {
              final Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (cause instanceof ExecutionClientException el) {
                throw new ProvingException(
                    "witness_" + el.reason().name().toLowerCase(Locale.ROOT), el.getMessage());
              }
              throw error instanceof CompletionException completion
                  ? completion
                  : new CompletionException(error);
            })
        .thenApplyAsync(
            witness -> {
              final byte[] compressed =
                  SnappyBlock.compress(WitnessProofData.encode(witness, maxUncompressedBytes));
              if (compressed.length > ExecutionProofSchema.MAX_PROOF_SIZE) {
                throw new ProvingException(
                    "proof_too_large",
                    "compressed witness of "
                        + compressed.length
                        + " bytes exceeds the proof limit of "
                        + ExecutionProofSchema.MAX_PROOF_SIZE);
              }
              return compressed;
            },
            executor);
  }
}

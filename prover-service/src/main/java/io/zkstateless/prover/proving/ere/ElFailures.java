package io.zkstateless.prover.proving.ere;

import io.zkstateless.prover.proving.ProvingException;
import io.zkstateless.prover.witness.ExecutionClientException;
import io.zkstateless.prover.witness.FailureReason;
import io.zkstateless.prover.witness.JsonRpcErrorException;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/** Turns execution-client failures into the prover's failure classes. */
final class ElFailures {

  private ElFailures() {}

  /** Block, witness or chain config: the client may recover, so the attempt can be retried. */
  static <T> T retryable(final Throwable error) {
    final Throwable cause = unwrap(error);
    if (cause instanceof JsonRpcErrorException rpc) {
      throw new ProvingException("witness_rpc_error", rpc.getMessage());
    }
    if (cause instanceof ExecutionClientException el) {
      final String reason = "witness_" + el.reason().name().toLowerCase(Locale.ROOT);
      throw el.reason().isOutage()
          ? ProvingException.inputOutage(reason, el.getMessage())
          : new ProvingException(reason, el.getMessage());
    }
    throw error instanceof CompletionException completion
        ? completion
        : new CompletionException(error);
  }

  /**
   * The block access list, asked after the block was found. The client's "no list" answers are
   * final for the block: {@code null} (not kept), {@code -32001} (before Amsterdam), {@code 4444}
   * (pruned), {@code -32601} (the client lacks {@code debug_getRawBlockAccessList}, which Besu and
   * nimbus serve; geth and reth were only seen with JSON or differently named getters). Transport
   * trouble stays retryable.
   */
  static <T> T blockAccessList(final Throwable error) {
    final Throwable cause = unwrap(error);
    if (cause instanceof JsonRpcErrorException rpc
        && (rpc.code() == -32001 || rpc.code() == 4444 || rpc.code() == -32601)) {
      throw ProvingException.permanent(
          "block_access_list_unavailable", "debug_getRawBlockAccessList: " + rpc.getMessage());
    }
    if (cause instanceof ExecutionClientException el && el.reason() == FailureReason.NOT_FOUND) {
      throw ProvingException.permanent(
          "block_access_list_unavailable",
          "debug_getRawBlockAccessList returned null: the client does not keep this block's list");
    }
    return retryable(error);
  }

  private static Throwable unwrap(final Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}

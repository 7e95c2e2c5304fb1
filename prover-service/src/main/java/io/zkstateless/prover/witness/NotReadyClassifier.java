package io.zkstateless.prover.witness;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a failure means "the execution client has not got this block yet", which is worth
 * retrying until the ready timeout, as opposed to an error that will not go away.
 *
 * <p>No client documents a "witness not ready" code (execution-apis #845 asks for one), so this is
 * configurable. The defaults: a {@code null} result; JSON-RPC {@code -32001} "resource not found",
 * which EIP-1898 suggests for an unknown block and reth and Nethermind use; {@code -39001}, Besu's
 * "Block not found"; and geth's generic {@code -32000} when its message says the block is not found
 * or unknown. {@code 4444} "pruned history unavailable" (execution-apis #847) is deliberately not
 * retried: the witness will never appear. Nor are the JSON-RPC protocol errors ({@code -32700},
 * {@code -32600..-32602}), whose standard texts ("Method not found") would otherwise match a
 * message fragment.
 */
public final class NotReadyClassifier {

  public static final Set<Integer> DEFAULT_CODES = Set.of(-32001, -39001);
  private static final Set<Integer> NEVER_READY = Set.of(-32700, -32600, -32601, -32602, 4444);

  public static final List<String> DEFAULT_MESSAGES =
      List.of("not found", "unknown block", "not available yet");

  private final Set<Integer> codes;
  private final List<String> messageFragments;

  public NotReadyClassifier(final Set<Integer> codes, final List<String> messageFragments) {
    this.codes = Set.copyOf(codes);
    this.messageFragments =
        messageFragments.stream().map(fragment -> fragment.toLowerCase(Locale.ROOT)).toList();
  }

  public static NotReadyClassifier defaults() {
    return new NotReadyClassifier(DEFAULT_CODES, DEFAULT_MESSAGES);
  }

  public boolean isNotReady(final Throwable failure) {
    if (failure instanceof JsonRpcErrorException rpc) {
      return codes.contains(rpc.code())
          || (!NEVER_READY.contains(rpc.code()) && mentionsNotReady(rpc.rpcMessage()));
    }
    return failure instanceof ExecutionClientException client
        && client.reason() == FailureReason.NOT_FOUND;
  }

  private boolean mentionsNotReady(final String message) {
    final String lower = message.toLowerCase(Locale.ROOT);
    return messageFragments.stream().anyMatch(lower::contains);
  }
}

package io.zkstateless.tools;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.stateless.AmsterdamBlock;
import io.zkstateless.common.model.stateless.ExecutionRequests;
import io.zkstateless.common.model.stateless.NewPayloadRequest;
import io.zkstateless.common.model.stateless.NewPayloadRequestBuilder;
import io.zkstateless.common.model.stateless.StatelessInput;
import java.util.List;

/**
 * Builds the EIP-8025 guest input of an EEST block from what a node has: the block RLP, its block
 * access list (re-encoded from the fixture's JSON) and the {@code executionWitness}. Nothing is
 * taken from {@code statelessInputBytes}, which is what the result is compared with.
 *
 * <p>Execution requests are empty: the fixture JSON does not list them, and the builder checks the
 * header's {@code requests_hash}, so a block that carries requests fails to build instead of
 * building a wrong input. Public keys are empty, as in the v0.3.3 fixtures.
 */
public final class EestStatelessInputs {

  private EestStatelessInputs() {}

  /**
   * @throws MalformedFixtureException if the block access list JSON is malformed
   * @throws io.zkstateless.common.model.rlp.RlpDecodeException if the block RLP is malformed
   * @throws IllegalArgumentException if the block access list or the (empty) requests do not hash
   *     to what the header commits to
   */
  public static StatelessInput build(final EestFixtureBlock block) {
    final AmsterdamBlock decoded = AmsterdamBlock.decode(block.blockRlp());
    final NewPayloadRequest request =
        NewPayloadRequestBuilder.fromBlock(
            decoded,
            ImmutableBytes.of(EestBlockAccessLists.rlp(block.blockAccessList())),
            ExecutionRequests.EMPTY);
    return new StatelessInput(request, block.witness(), block.chainId(), List.of());
  }
}

package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import java.util.List;

/**
 * The witness a stateless guest needs: trie-node preimages ({@code state}), contract code preimages
 * ({@code codes}) and RLP block headers ({@code headers}, ascending, ending with the parent). The
 * order is kept as given: the SSZ input carries the lists in the order of the {@code
 * debug_executionWitness} answer, which the EEST fixtures hold canonically sorted.
 */
public record ExecutionWitness(
    List<ImmutableBytes> state, List<ImmutableBytes> codes, List<ImmutableBytes> headers) {

  public ExecutionWitness {
    state = List.copyOf(state);
    codes = List.copyOf(codes);
    headers = List.copyOf(headers);
  }
}

package io.zkstateless.common.model.stateless;

import io.zkstateless.common.model.bytes.Bytes32;
import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.crypto.Hashes;
import java.util.List;

/**
 * The EIP-7685 {@code requests_hash} a header commits to: {@code sha256} over the {@code sha256} of
 * each non-empty {@code type || request_data}, in type order. Used to check that the requests the
 * consensus side supplies belong to the block, since the block RLP carries only this hash.
 */
public final class RequestsHash {

  private RequestsHash() {}

  /**
   * @throws IllegalArgumentException if builder requests are present: the execution layer does not
   *     hash them
   */
  public static Bytes32 of(final ExecutionRequests requests) {
    final List<ImmutableBytes> entries = Eip7685Requests.encode(requests);
    final byte[][] hashes = new byte[entries.size()][];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = Hashes.sha256(entries.get(i).toArray()).toArray();
    }
    return Hashes.sha256(hashes);
  }
}

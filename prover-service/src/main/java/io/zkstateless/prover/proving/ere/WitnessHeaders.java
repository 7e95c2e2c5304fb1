package io.zkstateless.prover.proving.ere;

import io.zkstateless.common.model.bytes.ImmutableBytes;
import io.zkstateless.common.model.rlp.RlpDecodeException;
import io.zkstateless.common.model.rlp.RlpReader;
import java.util.List;

/**
 * Puts a witness's RLP headers in the canonical order (ascending, ending with the parent; execution
 * -apis #847 and the EEST fixtures), which the guest input uses. reth, geth, ethrex and EEST
 * already send that order; Besu sends parent first, so its list is reversed.
 */
final class WitnessHeaders {

  /** Position of {@code number} in an execution block header. */
  private static final int NUMBER_FIELD = 8;

  private WitnessHeaders() {}

  /**
   * @throws RlpDecodeException if the first or last header is not a header RLP
   */
  static List<ImmutableBytes> ascending(final List<ImmutableBytes> headers) {
    if (headers.size() < 2) {
      return headers;
    }
    final long first = number(headers.getFirst());
    final long last = number(headers.getLast());
    return first > last ? headers.reversed() : headers;
  }

  static long number(final ImmutableBytes header) {
    final RlpReader fields = RlpReader.of(header.toArray()).readList();
    for (int i = 0; i < NUMBER_FIELD; i++) {
      fields.skip();
    }
    return fields.readLong();
  }
}

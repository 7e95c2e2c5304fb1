package io.zkstateless.prover.jobs;

import io.zkstateless.common.model.electra.ElectraExecutionRequests;
import io.zkstateless.common.model.electra.ElectraSchemas;
import io.zkstateless.common.model.ssz.SszDecodeException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code execution_requests} column: the SSZ of the Electra {@code ExecutionRequests} container
 * (mainnet limits, which bound the decoding), or NULL when the requests are not known.
 */
final class ExecutionRequestsColumn {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionRequestsColumn.class);

  private ExecutionRequestsColumn() {}

  static byte[] encode(final Optional<ElectraExecutionRequests> requests) {
    return requests.map(r -> ElectraSchemas.MAINNET.executionRequests().encode(r)).orElse(null);
  }

  /**
   * A value that does not decode (written by hand, or by a future version) reads as unknown: the
   * job then fails or looks the requests up as any job without them, instead of blocking claims.
   */
  static Optional<ElectraExecutionRequests> decode(final byte[] column, final Object key) {
    if (column == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ElectraSchemas.MAINNET.executionRequests().decode(column));
    } catch (final SszDecodeException e) {
      LOG.warn("Ignoring unreadable execution_requests of job {}: {}", key, e.getMessage());
      return Optional.empty();
    }
  }
}

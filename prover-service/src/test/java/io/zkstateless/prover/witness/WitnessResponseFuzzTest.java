package io.zkstateless.prover.witness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Hostile {@code debug_executionWitness} answers into the prover's streaming witness parser
 * ({@link WitnessResponseReader}: JSON-RPC envelope, then {@link ExecutionWitnessReader}). The only
 * outcomes allowed are a witness within the limits, a {@link WitnessFormatException} (the body is
 * not a valid answer: MALFORMED_RESPONSE), a {@link JsonRpcErrorException} (an error object), or an
 * {@link ExecutionClientException} NOT_FOUND for a {@code null} result. An {@link IOException}
 * cannot come from an in-memory body, so one would be a parser failure misreported as a transport
 * error. Small limits so that inputs reach every bound.
 */
class WitnessResponseFuzzTest {

  private static final WitnessLimits LIMITS =
      new WitnessLimits(4096, 64, 16, 64, 8, 256, 1024, 512);
  private static final WitnessResponseReader READER = new WitnessResponseReader(LIMITS);

  @FuzzTest(maxDuration = "30s")
  void readResponse(final byte[] body) throws IOException {
    final ExecutionWitness witness;
    try {
      witness = READER.read(new ByteArrayInputStream(body), "debug_executionWitness", 7);
    } catch (final WitnessFormatException | JsonRpcErrorException rejected) {
      return;
    } catch (final ExecutionClientException e) {
      if (e.reason() != FailureReason.NOT_FOUND) {
        throw new AssertionError("unexpected failure reason " + e.reason(), e);
      }
      return;
    }
    if (witness.totalBytes() > LIMITS.maxTotalBytes()
        || witness.state().size() > LIMITS.maxStateNodes()
        || witness.codes().size() > LIMITS.maxCodes()
        || witness.headers().size() > LIMITS.maxHeaders()
        || witness.keys().map(k -> k.size() > LIMITS.maxKeys()).orElse(false)) {
      throw new AssertionError("accepted a witness beyond the limits: " + witness);
    }
  }
}

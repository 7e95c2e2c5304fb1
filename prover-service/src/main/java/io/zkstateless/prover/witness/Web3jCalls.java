package io.zkstateless.prover.witness;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;
import tools.jackson.core.JacksonException;

/**
 * Sends a small web3j request (block, raw block, chain config) and turns web3j's outcomes into
 * {@link ExecutionClientException}s with a {@link FailureReason}. The per-method timeout is the
 * call timeout of the OkHttp client behind the request's {@code HttpService}.
 */
final class Web3jCalls {

  private Web3jCalls() {}

  static <T, R extends Response<T>> T send(final Request<?, R> request) {
    final String method = request.getMethod();
    final R response;
    try {
      response = request.send();
    } catch (final ResponseSizeLimit.TooLargeException e) {
      throw new ExecutionClientException(
          FailureReason.MALFORMED_RESPONSE, method + " answered too much: " + e.getMessage(), e);
    } catch (final InterruptedIOException e) {
      throw new ExecutionClientException(FailureReason.TIMEOUT, method + " timed out", e);
    } catch (final IOException | ClientConnectionException e) {
      throw new ExecutionClientException(
          FailureReason.TRANSPORT_ERROR, method + " failed: " + e.getMessage(), e);
    } catch (final JacksonException e) {
      throw new ExecutionClientException(
          FailureReason.MALFORMED_RESPONSE,
          method + " returned malformed JSON: " + e.getOriginalMessage(),
          e);
    }
    if (response.hasError()) {
      throw new JsonRpcErrorException(
          method, response.getError().getCode(), response.getError().getMessage());
    }
    if (response.getResult() == null) {
      throw new ExecutionClientException(
          FailureReason.NOT_FOUND, method + " returned null: the client does not have the block");
    }
    return response.getResult();
  }
}

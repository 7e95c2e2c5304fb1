package io.zkstateless.prover.witness;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a JSON-RPC 2.0 response envelope ({@code jsonrpc}, {@code id}, {@code result} or {@code
 * error}, any order) from a stream, handing the {@code result} object to {@link
 * ExecutionWitnessReader} as the bytes arrive. The body is never held whole.
 */
final class WitnessResponseReader {

  private static final int MAX_ERROR_MESSAGE_CHARS = 1024;

  private final JsonFactory factory;
  private final ExecutionWitnessReader witnessReader;

  WitnessResponseReader(final WitnessLimits limits) {
    this.factory = WitnessJson.factory(limits);
    this.witnessReader = new ExecutionWitnessReader(limits);
  }

  /**
   * @throws WitnessFormatException the body is not a valid response or witness
   * @throws JsonRpcErrorException the response carries an error object
   * @throws ExecutionClientException with {@link FailureReason#NOT_FOUND} for a {@code null} result
   * @throws IOException the stream failed (reset, timeout) while reading
   */
  ExecutionWitness read(final InputStream body, final String method, final long requestId)
      throws IOException {
    final TransportStream source = new TransportStream(body);
    try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), source)) {
      return readEnvelope(parser, method, requestId);
    } catch (final JacksonIOException e) {
      if (source.failed()) {
        throw e.getCause(); // the connection failed (reset, timeout): a transport error
      }
      // Jackson's own I/O errors are about the bytes (an encoding it cannot read, characters
      // invalid in it): the body's fault. As IOExceptions they would be TRANSPORT_ERRORs and
      // count against the circuit breaker.
      throw new WitnessFormatException(
          WitnessJson.offset(e.getLocation()),
          "not valid text: " + e.getCause().getMessage(),
          e.getCause());
    } catch (final StreamConstraintsException e) {
      throw new WitnessFormatException(
          WitnessJson.offset(e.getLocation()),
          "response exceeds a size limit: " + e.getOriginalMessage(),
          e);
    } catch (final JacksonException e) {
      throw new WitnessFormatException(
          WitnessJson.offset(e.getLocation()), "not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private ExecutionWitness readEnvelope(
      final JsonParser parser, final String method, final long requestId) {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw ExecutionWitnessReader.error(parser, "response is not a JSON object");
    }
    ExecutionWitness witness = null;
    boolean sawResult = false;
    JsonRpcErrorException error = null;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      final String name = parser.currentName();
      final JsonToken value = parser.nextToken();
      switch (name) {
        case "result" -> {
          sawResult = true;
          witness = value == JsonToken.VALUE_NULL ? null : witnessReader.read(parser);
        }
        case "error" -> error = readError(parser, method);
        case "id" -> checkId(parser, requestId);
        default -> parser.skipChildren();
      }
    }
    if (parser.nextToken() != null) {
      throw ExecutionWitnessReader.error(parser, "trailing content after the response object");
    }
    if (error != null) {
      throw error;
    }
    if (!sawResult) {
      throw ExecutionWitnessReader.error(parser, "response has neither result nor error");
    }
    if (witness == null) {
      throw new ExecutionClientException(
          FailureReason.NOT_FOUND, method + " returned null: the client does not have the block");
    }
    return witness;
  }

  private static void checkId(final JsonParser parser, final long requestId) {
    final boolean matches =
        parser.currentToken() == JsonToken.VALUE_NUMBER_INT
            ? parser.getLongValue() == requestId
            : parser.currentToken() == JsonToken.VALUE_STRING
                && parser.getString().equals(Long.toString(requestId));
    if (!matches) {
      throw ExecutionWitnessReader.error(
          parser, "response id " + parser.getString() + " does not match request id " + requestId);
    }
  }

  private static JsonRpcErrorException readError(final JsonParser parser, final String method) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw ExecutionWitnessReader.error(parser, "error must be an object");
    }
    Integer code = null;
    String message = "";
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      final String name = parser.currentName();
      final JsonToken value = parser.nextToken();
      if (name.equals("code") && value == JsonToken.VALUE_NUMBER_INT) {
        code = parser.getIntValue();
      } else if (name.equals("message") && value == JsonToken.VALUE_STRING) {
        final String text = parser.getString();
        message =
            text.length() > MAX_ERROR_MESSAGE_CHARS
                ? text.substring(0, MAX_ERROR_MESSAGE_CHARS)
                : text;
      } else {
        parser.skipChildren();
      }
    }
    if (code == null) {
      throw ExecutionWitnessReader.error(parser, "error object has no integer code");
    }
    return new JsonRpcErrorException(method, code, message);
  }

  /** The body stream, remembering whether reading it failed (as opposed to parsing what it gave). */
  private static final class TransportStream extends FilterInputStream {
    private boolean failed;

    TransportStream(final InputStream in) {
      super(in);
    }

    boolean failed() {
      return failed;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (final IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (final IOException e) {
        failed = true;
        throw e;
      }
    }
  }
}

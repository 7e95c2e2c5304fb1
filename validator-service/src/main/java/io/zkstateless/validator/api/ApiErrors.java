package io.zkstateless.validator.api;

import io.zkstateless.common.model.codec.DecodeException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns bad input into a status and a message that says what was wrong: 400 for bodies that do
 * not decode (the decoder names the field and offset), 413 for bodies over the limit.
 */
@RestControllerAdvice
class ApiErrors {

  /** The JSON error body. */
  record ApiError(int status, String message) {}

  @ExceptionHandler(DecodeException.class)
  ResponseEntity<ApiError> undecodable(final DecodeException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(DataBufferLimitException.class)
  ResponseEntity<ApiError> tooLarge(final DataBufferLimitException e) {
    return error(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ApiError> status(final ResponseStatusException e) {
    return error(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
  }

  private static ResponseEntity<ApiError> error(final HttpStatus status, final String message) {
    return ResponseEntity.status(status).body(new ApiError(status.value(), message));
  }
}

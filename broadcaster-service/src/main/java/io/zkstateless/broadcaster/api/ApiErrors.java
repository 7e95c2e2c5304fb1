package io.zkstateless.broadcaster.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Turns bad input into a status and a message that says what was wrong. */
@RestControllerAdvice
class ApiErrors {

  /** The JSON error body. */
  record ApiError(int status, String message) {}

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<ApiError> status(final ResponseStatusException e) {
    final HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
    return ResponseEntity.status(status).body(new ApiError(status.value(), e.getReason()));
  }
}

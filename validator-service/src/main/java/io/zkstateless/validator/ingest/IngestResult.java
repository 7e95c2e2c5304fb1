package io.zkstateless.validator.ingest;

/**
 * A verdict and why. {@code reason} is a short fixed phrase (it becomes a metric tag) and {@code
 * detail} the specifics for logs and API answers.
 */
public record IngestResult(Verdict verdict, String reason, String detail) {

  static IngestResult accept() {
    return new IngestResult(Verdict.ACCEPT, "stored", "");
  }

  static IngestResult ignore(final String reason, final String detail) {
    return new IngestResult(Verdict.IGNORE, reason, detail);
  }

  static IngestResult reject(final String reason, final String detail) {
    return new IngestResult(Verdict.REJECT, reason, detail);
  }
}

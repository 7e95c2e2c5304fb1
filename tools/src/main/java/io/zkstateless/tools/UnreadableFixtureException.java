package io.zkstateless.tools;

/**
 * A fixture file as a whole cannot be used: it cannot be read, is too large, is not gzip or JSON,
 * or its top level is not an object of tests. Unlike {@link MalformedFixtureException}, nothing in
 * the file can be checked.
 */
public final class UnreadableFixtureException extends Exception {

  public UnreadableFixtureException(final String source, final String problem) {
    super(source + ": " + problem);
  }

  public UnreadableFixtureException(
      final String source, final String problem, final Throwable cause) {
    super(source + ": " + problem, cause);
  }
}

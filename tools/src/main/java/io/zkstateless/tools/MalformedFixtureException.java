package io.zkstateless.tools;

/**
 * A fixture's JSON is readable but a value in it is missing or not what the EEST format says (a
 * field that is absent, not a string, not hex). The message names the JSON path of the value, so
 * the command can report the block it belongs to and go on with the next one.
 */
public final class MalformedFixtureException extends RuntimeException {

  public MalformedFixtureException(final String path, final String problem) {
    super(path + ": " + problem);
  }

  public MalformedFixtureException(final String path, final String problem, final Throwable cause) {
    super(path + ": " + problem, cause);
  }
}

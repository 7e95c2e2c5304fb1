package io.zkstateless.common.service.admin;

/**
 * The bearer token of a service's admin API, or none (admin API disabled). Validated once; its
 * {@link #toString()} never shows the value, so it cannot leak into logs.
 */
public final class AdminToken {

  static final int MIN_LENGTH = 16;

  private final String propertyName;
  private final String value;

  private AdminToken(final String propertyName, final String value) {
    this.propertyName = propertyName;
    this.value = value;
  }

  /**
   * @param propertyName the configuration key, named in messages (e.g. {@code validator.admin.token})
   * @param value the configured token; null or blank disables the admin API
   * @throws IllegalArgumentException if a token is set but shorter than 16 characters
   */
  public static AdminToken of(final String propertyName, final String value) {
    if (value == null || value.isBlank()) {
      return new AdminToken(propertyName, null);
    }
    if (value.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(propertyName + " must be at least " + MIN_LENGTH + " characters");
    }
    return new AdminToken(propertyName, value);
  }

  public boolean enabled() {
    return value != null;
  }

  String propertyName() {
    return propertyName;
  }

  String value() {
    return value;
  }

  @Override
  public String toString() {
    return propertyName + "=" + (enabled() ? "<set>" : "<unset>");
  }
}

package io.zkstateless.prover.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin API ({@code prover.admin.*}). Without a token the admin API is disabled: every call
 * answers 401. The token is never logged.
 *
 * @param token bearer token required on {@code /api/v1/admin/**} (env {@code ADMIN_TOKEN})
 */
@ConfigurationProperties("prover.admin")
public record AdminProperties(String token) {

  public AdminProperties {
    if (token != null && !token.isBlank() && token.length() < 16) {
      throw new IllegalArgumentException("prover.admin.token must be at least 16 characters");
    }
  }

  public boolean enabled() {
    return token != null && !token.isBlank();
  }

  @Override
  public String toString() {
    return "AdminProperties[token=" + (enabled() ? "<set>" : "<unset>") + "]";
  }
}

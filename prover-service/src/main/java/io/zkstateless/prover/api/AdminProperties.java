package io.zkstateless.prover.api;

import io.zkstateless.common.service.admin.AdminToken;
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
    AdminToken.of("prover.admin.token", token);
  }

  public AdminToken adminToken() {
    return AdminToken.of("prover.admin.token", token);
  }

  @Override
  public String toString() {
    return adminToken().toString();
  }
}

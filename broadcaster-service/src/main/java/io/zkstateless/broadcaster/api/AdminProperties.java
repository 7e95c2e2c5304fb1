package io.zkstateless.broadcaster.api;

import io.zkstateless.common.service.admin.AdminToken;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin API ({@code broadcaster.admin.*}). Without a token the admin API is disabled: every call
 * answers 401. The token is never logged.
 *
 * @param token bearer token required on {@code /api/v1/admin/**} (env {@code ADMIN_TOKEN})
 */
@ConfigurationProperties("broadcaster.admin")
public record AdminProperties(String token) {

  public AdminProperties {
    AdminToken.of("broadcaster.admin.token", token);
  }

  public AdminToken adminToken() {
    return AdminToken.of("broadcaster.admin.token", token);
  }

  @Override
  public String toString() {
    return adminToken().toString();
  }
}

package io.zkstateless.prover.api;

import io.zkstateless.common.service.admin.AdminTokenFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class ApiConfiguration {

  @Bean
  AdminTokenFilter adminTokenFilter(final AdminProperties admin) {
    return new AdminTokenFilter(admin.adminToken());
  }
}

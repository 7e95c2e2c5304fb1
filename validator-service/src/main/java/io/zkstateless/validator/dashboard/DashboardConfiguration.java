package io.zkstateless.validator.dashboard;

import io.zkstateless.common.model.proof.ProofTypeRegistry;
import io.zkstateless.validator.config.ZkChainProperties;
import io.zkstateless.validator.store.ProofStore;
import io.zkstateless.validator.tracking.ProvenChainService;
import java.net.URI;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardConfiguration {

  @Bean
  HeadHistory headHistory(final DashboardProperties config) {
    return new HeadHistory(config.historySize());
  }

  @Bean
  HeadSampler headSampler(
      final ProvenChainService chain, final HeadHistory history, final DashboardProperties config, final Clock clock) {
    return new HeadSampler(chain, history, config.sampleInterval(), clock);
  }

  @Bean
  DashboardService dashboardService(
      final ProvenChainService chain,
      final ProofStore proofs,
      final ProofTypeRegistry types,
      final ZkChainProperties zk,
      final HeadHistory history,
      final DashboardProperties config,
      final Clock clock) {
    return new DashboardService(chain, proofs, types, zk, history, config.recentBlocks(), clock);
  }

  /**
   * The page itself is a static file under {@code static/dashboard/}. WebFlux serves no index file
   * for a directory, so {@code /dashboard/} is mapped to it here, and {@code /dashboard} redirects
   * there: relatively, so that the page's relative links also work behind a path-prefixing proxy.
   */
  @Bean
  RouterFunction<ServerResponse> dashboardPage() {
    final ClassPathResource page = new ClassPathResource("static/dashboard/index.html");
    return RouterFunctions.route()
        .GET("/dashboard", request -> ServerResponse.permanentRedirect(URI.create("dashboard/")).build())
        .GET("/dashboard/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
        .build();
  }
}

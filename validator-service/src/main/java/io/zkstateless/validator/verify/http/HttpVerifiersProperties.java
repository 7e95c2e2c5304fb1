package io.zkstateless.validator.verify.http;

import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code validator.ingest.http-verifiers.<proof-type>.*}: settings of every proof type whose
 * verifier kind ({@code validator.ingest.verifiers.<proof-type>}) is {@code http}.
 *
 * @param httpVerifiers our proof type name to its external verifier
 */
@Validated
@ConfigurationProperties("validator.ingest")
public record HttpVerifiersProperties(Map<String, @Valid HttpVerifierProperties> httpVerifiers) {

  public HttpVerifiersProperties {
    httpVerifiers = httpVerifiers == null ? Map.of() : Map.copyOf(httpVerifiers);
  }
}

package io.zkstateless.prover;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the prover service. */
@SpringBootApplication
public class ProverApplication {

  public static void main(final String[] args) {
    SpringApplication.run(ProverApplication.class, args);
  }
}

package io.zkstateless.validator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the validator service. */
@SpringBootApplication
public class ValidatorApplication {

  public static void main(final String[] args) {
    SpringApplication.run(ValidatorApplication.class, args);
  }
}

package io.zkstateless.broadcaster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the broadcaster service. */
@SpringBootApplication
public class BroadcasterApplication {

  public static void main(final String[] args) {
    SpringApplication.run(BroadcasterApplication.class, args);
  }
}

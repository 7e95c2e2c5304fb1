package io.zkstateless.devnet;

import io.zkstateless.common.test.lodestar.LodestarInstall;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code ./devnet.sh [options]}: starts the devnet and keeps it running until Ctrl-C or {@code
 * --duration}. A shutdown hook stops every process it started, whatever ends the launcher.
 */
public final class DevnetMain {

  private DevnetMain() {}

  public static void main(final String[] args) {
    final Path repository = Path.of(System.getProperty("devnet.repository", ".")).toAbsolutePath();
    final Path defaultRunDir =
        repository.resolve(
            "deploy/devnet/target/runs/"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    final DevnetOptions options;
    try {
      options = DevnetOptions.parse(args, defaultRunDir);
    } catch (final DevnetOptions.UsageException e) {
      System.err.println("devnet: " + e.getMessage());
      System.err.println("Try --help.");
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.print(DevnetOptions.usage());
      return;
    }
    if (System.getProperty(LodestarInstall.DIR_PROPERTY) == null) {
      System.setProperty(
          LodestarInstall.DIR_PROPERTY, repository.resolve("common-test/lodestar").toString());
    }
    final BeaconChoice choice;
    try {
      choice = BeaconChoice.resolve(options, LodestarInstall::unavailableReason);
    } catch (final IllegalStateException e) {
      System.out.println("devnet: " + e.getMessage());
      System.exit(1);
      return;
    }
    final Devnet devnet =
        new Devnet(
            options,
            choice,
            repository,
            JavaCommand.current(System.getProperty("java.class.path")),
            System.out);
    final Thread stopper = new Thread(devnet.supervisor()::stopAll, "devnet-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    int exit;
    try {
      exit = devnet.run();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = 130;
    } catch (final Exception e) {
      System.out.println("devnet: failed: " + e.getMessage());
      exit = 1;
    }
    devnet.supervisor().stopAll();
    System.exit(exit);
  }
}

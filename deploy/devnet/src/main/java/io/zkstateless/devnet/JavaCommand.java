package io.zkstateless.devnet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for the devnet's JVMs: the running JDK, a small heap and settings that keep
 * start-up and CPU use low on a shared laptop or CI runner.
 *
 * @param javaBinary the {@code java} executable (the launcher's own)
 * @param classpath the devnet's runtime classpath, for the helper processes
 */
public record JavaCommand(Path javaBinary, String classpath) {

  /** The JDK running this launcher, with the given classpath. */
  public static JavaCommand current(final String classpath) {
    return new JavaCommand(
        Path.of(System.getProperty("java.home"), "bin", "java"), classpath);
  }

  /** {@code java <flags> -cp <devnet classpath>}; the caller appends the main class and args. */
  public List<String> command(final String name, final int heapMegabytes) {
    final List<String> command = new ArrayList<>(jvm(name, heapMegabytes));
    command.add("-cp");
    command.add(classpath);
    return command;
  }

  /** {@code java <flags> -jar <jar>}. */
  public List<String> jar(final String name, final int heapMegabytes, final Path jar) {
    final List<String> command = new ArrayList<>(jvm(name, heapMegabytes));
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  private List<String> jvm(final String name, final int heapMegabytes) {
    return List.of(
        javaBinary.toString(),
        "-Xms32m",
        "-Xmx" + heapMegabytes + "m",
        "-Xss512k",
        "-XX:+UseSerialGC",
        // C1 only: a fraction of the JIT's CPU and memory at start-up, plenty for a devnet.
        "-XX:TieredStopAtLevel=1",
        "-XX:ReservedCodeCacheSize=64m",
        // Netty and snappy load native code; say so up front instead of a warning per process.
        "--enable-native-access=ALL-UNNAMED",
        "-Dzk.devnet.process=" + name);
  }
}

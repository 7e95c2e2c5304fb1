package io.zkstateless.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of docs/architecture.md as ArchUnit rules. Each rule takes the package it
 * guards, so {@link ModuleBoundariesTest} can also prove that a rule fails on a planted violation.
 */
final class ModuleRules {

  static final String MODEL = "io.zkstateless.common.model..";
  static final String P2P = "io.zkstateless.common.p2p..";
  static final String TEST_SUPPORT = "io.zkstateless.common.test..";
  static final String SERVICE_SUPPORT = "io.zkstateless.common.service..";
  static final String PROVER = "io.zkstateless.prover..";
  static final String BROADCASTER = "io.zkstateless.broadcaster..";
  static final String VALIDATOR = "io.zkstateless.validator..";
  static final String TOOLS = "io.zkstateless.tools..";

  /** common-p2p's base package, whose packages are layered (see {@link #packagesFreeOfCycles}). */
  static final String P2P_BASE = "io.zkstateless.common.p2p";

  private ModuleRules() {}

  /** A library module: no Spring, and none of our modules except the ones it may use. */
  static ArchRule libraryModule(final String module, final String... forbiddenModules) {
    return noClasses()
        .that()
        .resideInAPackage(module)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(forbiddenModules, "org.springframework.."))
        .because("library modules stay free of Spring and of the modules above them");
  }

  /** Shared Spring support: may use Spring, but none of our modules above it (services, p2p). */
  static ArchRule serviceSupportModule(final String... forbiddenModules) {
    return noClasses()
        .that()
        .resideInAPackage(SERVICE_SUPPORT)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbiddenModules)
        .because("common-service holds only cross-cutting Spring pieces every service shares");
  }

  /** A service never imports another service; they share only common-* modules and Kafka topics. */
  static ArchRule serviceIsolated(final String service, final String... otherServices) {
    return noClasses()
        .that()
        .resideInAPackage(service)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(otherServices, TEST_SUPPORT))
        .because("services are deployed separately and talk only through Kafka and gossip");
  }

  /**
   * The top-level packages under {@code base} (each with its subpackages, e.g. {@code gossip} with
   * {@code gossip.score}) never depend on each other both ways, directly or around a loop.
   */
  static ArchRule topLevelPackagesFreeOfCycles(final String base) {
    return slices()
        .matching(base + ".(*)..")
        .should()
        .beFreeOfCycles()
        .because("a module's packages are layers: each is read, tested and changed on its own");
  }

  /**
   * Stricter than {@link #topLevelPackagesFreeOfCycles}: every package under {@code base}, a
   * subpackage such as {@code gossip.score} included, is its own slice, so a cycle between a
   * package and its parent (which the top-level slices hide) fails too.
   */
  static ArchRule packagesFreeOfCycles(final String base) {
    return slices()
        .matching(base + ".(**)")
        .should()
        .beFreeOfCycles()
        .because("a subpackage is a layer below or above its parent, never both");
  }

  private static String[] concat(final String[] packages, final String extra) {
    final String[] all = java.util.Arrays.copyOf(packages, packages.length + 1);
    all[packages.length] = extra;
    return all;
  }
}

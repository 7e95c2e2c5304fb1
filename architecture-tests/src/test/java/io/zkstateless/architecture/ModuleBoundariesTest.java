package io.zkstateless.architecture;

import static io.zkstateless.architecture.ModuleRules.BROADCASTER;
import static io.zkstateless.architecture.ModuleRules.MODEL;
import static io.zkstateless.architecture.ModuleRules.P2P;
import static io.zkstateless.architecture.ModuleRules.P2P_BASE;
import static io.zkstateless.architecture.ModuleRules.PROVER;
import static io.zkstateless.architecture.ModuleRules.SERVICE_SUPPORT;
import static io.zkstateless.architecture.ModuleRules.TEST_SUPPORT;
import static io.zkstateless.architecture.ModuleRules.TOOLS;
import static io.zkstateless.architecture.ModuleRules.VALIDATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zkstateless");
  }

  @Test
  void everyModuleIsOnTheClasspath() {
    for (final String pkg : new String[] {MODEL, P2P, SERVICE_SUPPORT, PROVER, BROADCASTER, VALIDATOR, TOOLS}) {
      final String prefix = pkg.substring(0, pkg.length() - 2);
      assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(prefix)))
          .as("classes of %s imported", prefix)
          .isTrue();
    }
  }

  @Test
  void commonModelDependsOnNoSpringAndNoneOfOurModules() {
    ModuleRules.libraryModule(MODEL, P2P, TEST_SUPPORT, SERVICE_SUPPORT, PROVER, BROADCASTER, VALIDATOR, TOOLS)
        .check(production);
  }

  @Test
  void commonServiceDependsOnNoServiceAndNotOnP2p() {
    ModuleRules.serviceSupportModule(P2P, TEST_SUPPORT, PROVER, BROADCASTER, VALIDATOR, TOOLS).check(production);
  }

  @Test
  void commonP2pDependsOnNoSpringAndOnlyOnCommonModel() {
    ModuleRules.libraryModule(P2P, TEST_SUPPORT, SERVICE_SUPPORT, PROVER, BROADCASTER, VALIDATOR, TOOLS)
        .check(production);
  }

  @Test
  void commonP2pTopLevelPackagesAreFreeOfCycles() {
    ModuleRules.topLevelPackagesFreeOfCycles(P2P_BASE).check(production);
  }

  /** gossip.score below gossip, gossip.message below both, eth2.reqresp beside eth2. */
  @Test
  void commonP2pPackagesAndSubpackagesAreFreeOfCycles() {
    ModuleRules.packagesFreeOfCycles(P2P_BASE).check(production);
  }

  /** The cycle rules are not vacuous: two planted packages that use each other are caught. */
  @Test
  void cycleRulesFailOnAPlantedCycle() {
    final JavaClasses planted =
        new ClassFileImporter().importPackages("io.zkstateless.architecture.fixture.cycle");
    assertThatThrownBy(
            () ->
                ModuleRules.topLevelPackagesFreeOfCycles("io.zkstateless.architecture.fixture.cycle")
                    .check(planted))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("UpperHalf")
        .hasMessageContaining("LowerHalf");
    assertThatThrownBy(
            () ->
                ModuleRules.packagesFreeOfCycles("io.zkstateless.architecture.fixture.cycle")
                    .check(planted))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("InnerHalf");
  }

  /** The command-line tools read fixtures with common-model only: no service, Spring or p2p. */
  @Test
  void toolsUseOnlyCommonModel() {
    ModuleRules.libraryModule(TOOLS, P2P, TEST_SUPPORT, SERVICE_SUPPORT, PROVER, BROADCASTER, VALIDATOR)
        .check(production);
  }

  @Test
  void servicesNeverImportEachOther() {
    ModuleRules.serviceIsolated(PROVER, BROADCASTER, VALIDATOR, TOOLS).check(production);
    ModuleRules.serviceIsolated(BROADCASTER, PROVER, VALIDATOR, TOOLS).check(production);
    ModuleRules.serviceIsolated(VALIDATOR, PROVER, BROADCASTER, TOOLS).check(production);
  }

  @Test
  void proverDoesNotUseTheP2pStack() {
    ModuleRules.serviceIsolated(PROVER, P2P).check(production);
  }

  /** The rules are not vacuous: a planted class that imports Spring and a service is caught. */
  @Test
  void libraryRuleFailsOnAForbiddenImport() {
    final JavaClasses planted =
        new ClassFileImporter().importPackages("io.zkstateless.architecture.fixture");
    assertThatThrownBy(
            () ->
                ModuleRules.libraryModule(
                        "io.zkstateless.architecture.fixture.model..", PROVER, VALIDATOR)
                    .check(planted))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ForbiddenImportInModel")
        .hasMessageContaining("org.springframework")
        .hasMessageContaining("io.zkstateless.prover.ProverApplication");
  }
}

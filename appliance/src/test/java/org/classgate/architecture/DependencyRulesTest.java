package org.classgate.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.Slices;
import java.util.List;
import org.classgate.architecture.DependencyRules.KnownDependency;
import org.classgate.architecture.fixture.activity.store.SqliteQueryLogWriter;
import org.classgate.architecture.fixture.alpha.Alpha;
import org.classgate.architecture.fixture.app.Wiring;
import org.classgate.architecture.fixture.beta.Beta;
import org.classgate.architecture.fixture.devices.CallsCompositionRoot;
import org.classgate.architecture.fixture.dns.Verdict;
import org.classgate.architecture.fixture.dns.wire.PlainWire;
import org.classgate.architecture.fixture.dns.wire.WireUsingVerdict;
import org.classgate.architecture.fixture.filter.JdbcInCapability;
import org.classgate.architecture.fixture.filter.SqliteInCapability;
import org.classgate.dns.server.DnsServer;
import org.classgate.dns.wire.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the dependency direction of ARCHITECTURE.md on the production classes (BuckPal's
 * DependencyRuleTests are the model), then proves every rule can fail by evaluating it on test-only
 * fixture classes that break it, and can pass on fixtures that follow it.
 *
 * <p>The fixtures cover SQLite and JDBC; Pi4J, Undertow and Bouncy Castle are not on the test
 * classpath yet, but their rules are built by the same code from {@link DependencyRules#ADAPTERS}.
 */
class DependencyRulesTest {
  private static final DependencyRules CLASSGATE = new DependencyRules("org.classgate");
  private static final DependencyRules FIXTURE =
      new DependencyRules("org.classgate.architecture.fixture");

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.classgate");
  }

  private static JavaClasses fixtures(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  @Test
  void importSeesProductionCodeAndNoTestCode() {
    assertTrue(production.contain(Message.class), "the wire classes were not imported");
    assertTrue(production.contain(DnsServer.class), "the server classes were not imported");
    assertFalse(production.contain(Wiring.class), "test fixtures leaked into the production set");
    assertFalse(production.contain(DependencyRulesTest.class), "tests leaked into the set");
  }

  @Test
  void capabilitiesUseAdapterLibrariesOnlyInTheirAdapterPackages() {
    for (ArchRule rule : CLASSGATE.librariesOnlyInAdapters()) {
      rule.check(production);
    }
  }

  @Test
  void wireDependsOnNothingElseOfClassGate() {
    CLASSGATE.wireIsSelfContained().check(production);
  }

  @Test
  void nothingOutsideAppDependsOnTheCompositionRoot() {
    CLASSGATE.nothingDependsOnTheCompositionRoot().check(production);
  }

  @Test
  void capabilitiesAreFreeOfCycles() {
    int capabilities = 0;
    for (Slice ignored : Slices.matching(CLASSGATE.capabilitySlices()).transform(production)) {
      capabilities++;
    }
    // allowEmptyShould(true) on the slice rule: prove here that it had slices to compare.
    assertTrue(capabilities >= 3, "expected several capability packages, found " + capabilities);
    CLASSGATE.capabilitiesFreeOfCycles(List.of()).check(production);
  }

  @Test
  void adapterRuleCatchesSqliteAndJdbcInACapability() {
    ArchRule sqlite = FIXTURE.libraryOnlyIn(DependencyRules.ADAPTERS.get(0));
    assertTrue(sqlite.evaluate(fixtures(SqliteInCapability.class)).hasViolation());
    assertTrue(sqlite.evaluate(fixtures(JdbcInCapability.class)).hasViolation());
  }

  @Test
  void adapterRuleAllowsStoreAdaptersAndTheCompositionRoot() {
    JavaClasses allowed = fixtures(SqliteQueryLogWriter.class, Wiring.class, Verdict.class);
    for (ArchRule rule : FIXTURE.librariesOnlyInAdapters()) {
      assertFalse(rule.evaluate(allowed).hasViolation(), rule.getDescription());
    }
  }

  @Test
  void adapterRuleRefusesToPassOnNothing() {
    // Only exempt classes: the rule has nothing to check, which must fail loudly, not pass.
    JavaClasses onlyExempt = fixtures(SqliteQueryLogWriter.class, Wiring.class);
    ArchRule sqlite = FIXTURE.libraryOnlyIn(DependencyRules.ADAPTERS.get(0));
    AssertionError empty = assertThrows(AssertionError.class, () -> sqlite.evaluate(onlyExempt));
    assertTrue(empty.getMessage().contains("failed to check any classes"), empty.getMessage());
  }

  @Test
  void wireRuleCatchesWireDependingOnItsCapability() {
    ArchRule rule = FIXTURE.wireIsSelfContained();
    assertTrue(rule.evaluate(fixtures(WireUsingVerdict.class)).hasViolation());
    assertFalse(rule.evaluate(fixtures(PlainWire.class)).hasViolation());
  }

  @Test
  void compositionRootRuleCatchesACapabilityCallingApp() {
    ArchRule rule = FIXTURE.nothingDependsOnTheCompositionRoot();
    assertTrue(rule.evaluate(fixtures(CallsCompositionRoot.class)).hasViolation());
    assertFalse(rule.evaluate(fixtures(Wiring.class, Verdict.class)).hasViolation());
  }

  @Test
  void cycleRuleCatchesTwoCapabilitiesUsingEachOther() {
    ArchRule rule = FIXTURE.capabilitiesFreeOfCycles(List.of());
    assertTrue(rule.evaluate(fixtures(Alpha.class, Beta.class)).hasViolation());
    assertFalse(rule.evaluate(fixtures(WireUsingVerdict.class, Verdict.class)).hasViolation());
    // The same cycle, tolerated as a known dependency, no longer fails.
    ArchRule tolerated =
        FIXTURE.capabilitiesFreeOfCycles(
            List.of(
                new KnownDependency(
                    belongToAnyOf(Beta.class), resideInAPackage("..fixture.alpha.."), "test")));
    assertFalse(tolerated.evaluate(fixtures(Alpha.class, Beta.class)).hasViolation());
  }
}

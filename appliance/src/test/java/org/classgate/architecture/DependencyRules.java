package org.classgate.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The dependency rules of ARCHITECTURE.md, built for a root package so the same rules can be
 * checked on production code ({@code org.classgate}) and on the deliberately broken fixtures under
 * {@code org.classgate.architecture.fixture}. Immutable.
 */
final class DependencyRules {
  /**
   * A library that only adapter sub-packages may touch.
   *
   * @param library a readable name for failure messages
   * @param packages the library's packages, in ArchUnit package syntax
   * @param adapters the package patterns allowed to use it (besides the composition root)
   */
  record Adapter(String library, List<String> packages, List<String> adapters) {}

  /**
   * Which adapter sub-packages may use which library. Anything not listed here (JDK, tinylog, the
   * capability's own ports) is free to use; the composition root may use everything.
   */
  static final List<Adapter> ADAPTERS =
      List.of(
          new Adapter(
              "SQLite and JDBC",
              List.of("org.sqlite..", "java.sql..", "javax.sql.."),
              List.of("..store..")),
          new Adapter("Pi4J", List.of("com.pi4j.."), List.of("..panel.pi4j..")),
          new Adapter("Undertow", List.of("io.undertow.."), List.of("..console..")),
          new Adapter(
              "Bouncy Castle",
              List.of("org.bouncycastle.."),
              List.of("..sync.crypto..", "..console.auth..", "..tls..")));

  private final String root;

  /**
   * @param root the package that plays {@code org.classgate}
   */
  DependencyRules(String root) {
    this.root = root;
  }

  /** Package pattern of the composition root, which may depend on anything. */
  String compositionRoot() {
    return root + ".app..";
  }

  /** One rule per {@link #ADAPTERS} entry. */
  List<ArchRule> librariesOnlyInAdapters() {
    List<ArchRule> rules = new ArrayList<>();
    for (Adapter adapter : ADAPTERS) {
      rules.add(libraryOnlyIn(adapter));
    }
    return rules;
  }

  ArchRule libraryOnlyIn(Adapter adapter) {
    List<String> exempt = new ArrayList<>(adapter.adapters());
    exempt.add(compositionRoot());
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackages(exempt.toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(adapter.packages().toArray(String[]::new))
        .because(
            adapter.library()
                + " is an adapter concern: keep it in "
                + String.join(" or ", adapter.adapters())
                + " behind a port the capability owns")
        // There are always capability classes to check: an empty set means a broken import.
        .allowEmptyShould(false);
  }

  /** The wire format is the innermost layer: it knows nothing else of ClassGate. */
  ArchRule wireIsSelfContained() {
    String wire = root + ".dns.wire..";
    return classes()
        .that()
        .resideInAPackage(wire)
        .should()
        .onlyDependOnClassesThat(resideOutsideOfPackage(root + "..").or(resideInAPackage(wire)))
        .because("the wire reader and writer must stay reusable and testable on their own")
        .allowEmptyShould(false);
  }

  /** Only the composition root wires things together; nothing may reach back into it. */
  ArchRule nothingDependsOnTheCompositionRoot() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(compositionRoot())
        .should()
        .dependOnClassesThat()
        .resideInAPackage(compositionRoot())
        .because("app is the composition root: dependencies point from it, never to it")
        .allowEmptyShould(false);
  }

  /** The top-level capability packages ({@code root.dns}, {@code root.filter} …) as slices. */
  String capabilitySlices() {
    return root + ".(*)..";
  }

  /** No cycles between capabilities, ignoring the dependencies {@code known} describes. */
  ArchRule capabilitiesFreeOfCycles(List<KnownDependency> known) {
    SliceRule rule =
        slices()
            .matching(capabilitySlices())
            .namingSlices("capability $1")
            .should()
            .beFreeOfCycles()
            .because("a cycle between capabilities makes them one capability in all but name");
    for (KnownDependency dependency : known) {
      rule = rule.ignoreDependency(dependency.origin(), dependency.target());
    }
    return rule.allowEmptyShould(true);
  }

  /**
   * A dependency tolerated by the cycle rule until the code is fixed.
   *
   * @param reason why it exists and how to remove it, shown when it is no longer needed
   */
  record KnownDependency(
      DescribedPredicate<JavaClass> origin, DescribedPredicate<JavaClass> target, String reason) {}
}

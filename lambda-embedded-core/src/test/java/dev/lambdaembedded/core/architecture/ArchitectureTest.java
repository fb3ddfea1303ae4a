/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.core.LambdaRuntime;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of DESIGN.md and STYLE.md that a compiler does not check. */
final class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() throws Exception {
    // the API arrives as a directory or, in a full reactor build, as a jar
    List<Location> locations = new ArrayList<>();
    for (Class<?> anchor : List.of(FunctionRuntime.class, LambdaRuntime.class)) {
      Path path = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      locations.add(
          Files.isDirectory(path)
              ? Location.of(path)
              : Location.of(URI.create("jar:" + path.toUri() + "!/")));
    }
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(locations);
    assertThat(classes.that(resideInAPackage("dev.lambdaembedded.api..")))
        .as("imported API classes")
        .hasSizeGreaterThan(20);
    assertThat(classes.that(resideInAPackage("dev.lambdaembedded.core..")))
        .as("imported core classes")
        .hasSizeGreaterThan(30);
  }

  @Test
  void api_neverDependsOnCore() {
    noClasses()
        .that()
        .resideInAPackage("dev.lambdaembedded.api..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.lambdaembedded.api..", "java..", "org.jspecify..")
        .because("the API module has no runtime dependencies (STYLE 1)")
        .check(classes);
  }

  @Test
  void corePackages_dependDownwardOnly() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("core")
        .definedBy("dev.lambdaembedded.core")
        .layer("async")
        .definedBy("dev.lambdaembedded.core.async..")
        .layer("registry")
        .definedBy("dev.lambdaembedded.core.registry..")
        .layer("isolation")
        .definedBy("dev.lambdaembedded.core.isolation..")
        .layer("invoke")
        .definedBy("dev.lambdaembedded.core.invoke..")
        .layer("execution")
        .definedBy("dev.lambdaembedded.core.execution..")
        .layer("guard")
        .definedBy("dev.lambdaembedded.core.guard..")
        .layer("observe")
        .definedBy("dev.lambdaembedded.core.observe..")
        .layer("json")
        .definedBy("dev.lambdaembedded.core.json..")
        .layer("internal")
        .definedBy("dev.lambdaembedded.core.internal..")
        .whereLayer("core")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("async")
        .mayOnlyBeAccessedByLayers("core")
        .whereLayer("registry")
        .mayOnlyBeAccessedByLayers("core", "async")
        .whereLayer("isolation")
        .mayOnlyBeAccessedByLayers("core", "registry")
        .whereLayer("invoke")
        .mayOnlyBeAccessedByLayers("core", "async", "registry")
        .whereLayer("execution")
        .mayOnlyBeAccessedByLayers("core", "async", "registry", "isolation", "invoke")
        .whereLayer("guard")
        .mayOnlyBeAccessedByLayers("core", "registry", "isolation", "invoke", "execution")
        .whereLayer("observe")
        .mayOnlyBeAccessedByLayers(
            "core", "async", "registry", "isolation", "invoke", "execution", "guard")
        .whereLayer("json")
        .mayOnlyBeAccessedByLayers(
            "core", "async", "registry", "isolation", "invoke", "execution", "guard", "observe")
        .because("DESIGN.md: core packages, one concern each, arrows point downward only")
        .check(classes);
  }

  @Test
  void corePackages_areFreeOfCycles() {
    slices().matching("dev.lambdaembedded.core.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyThreadsCreatesThreads() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.lambdaembedded.core.execution.Threads")
        .should()
        .callConstructor(Thread.class)
        .orShould()
        .callMethod(Thread.class, "ofPlatform")
        .orShould()
        .callMethod(Thread.class, "ofVirtual")
        .orShould()
        .callMethod(Thread.class, "startVirtualThread", Runnable.class)
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.Executors")
        .because("every runtime thread is named, owned and stopped (STYLE 18)")
        .check(classes);
  }

  @Test
  void noJavaUtilLogging_andNoStandardStreamsOutsideTheirCapture() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.util.logging..")
        .check(classes);
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.lambdaembedded.core.observe.OutputCapture")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("diagnostics go through SLF4J; only the capture touches System.out/err")
        .check(classes);
  }

  @Test
  void loggersComeFromObserveLoggers_soNothingIsLostWithoutAnSlf4jProvider() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.lambdaembedded.core.observe.Loggers")
        .should()
        .callMethodWhere(
            target(owner(name("org.slf4j.LoggerFactory"))).and(target(name("getLogger"))))
        .because("observe.Loggers writes to System.Logger when SLF4J has no provider")
        .check(classes);
  }

  @Test
  void corePackagesOtherThanTheEntryAndTheGuardHooks_areNotExported() throws Exception {
    ModuleDescriptor descriptor = LambdaRuntime.class.getModule().getDescriptor();
    if (descriptor == null) {
      return; // on the class path there is no descriptor to check
    }
    assertThat(descriptor.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrder(
            "dev.lambdaembedded.core", // the entry point
            "dev.lambdaembedded.core.guard"); // the hooks instrumented function code links to
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void everyPackage_isNullMarked() {
    Set<String> packages =
        classes.stream()
            .map(javaClass -> javaClass.getPackageName())
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    assertThat(packages).isNotEmpty();
    classes().should().resideInAnyPackage(packages.toArray(String[]::new)).check(classes);
    for (String name : packages) {
      assertThat(classes.getPackage(name).isAnnotatedWith(NullMarked.class))
          .as("package %s is @NullMarked", name)
          .isTrue();
    }
  }
}

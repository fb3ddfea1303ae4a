/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.DRIVER;
import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.HOOKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.LeakReport.Kind;
import dev.lambdaembedded.api.LeakReport.Leak;
import org.junit.jupiter.api.Test;

final class LeakCleanerTest {

  @Test
  void clean_cleanLoader_removesNothing() {
    assertThat(LeakCleaner.clean(LeakyFunctions.newLoader("clean"))).isEmpty();
  }

  @Test
  void clean_driversOfTwoLoaders_deregistersOnlyTheCleanedLoadersDriver() {
    TestFunctionLoader cleaned = LeakyFunctions.newLoader("driver");
    TestFunctionLoader other = LeakyFunctions.newLoader("driver");
    LeakyFunctions.call(cleaned, DRIVER, "start");
    LeakyFunctions.call(other, DRIVER, "start");
    try {
      assertThat(LeakCleaner.clean(cleaned))
          .containsExactly(
              new Leak(
                  Kind.JDBC_DRIVER,
                  "JDBC driver fn.LeakyDriver deregistered from DriverManager",
                  true));

      assertThat(Drivers.sweep(cleaned, false)).isEmpty();
      assertThat(Drivers.sweep(other, false)).containsExactly("fn.LeakyDriver");
    } finally {
      LeakyFunctions.call(cleaned, DRIVER, "stop");
      LeakyFunctions.call(other, DRIVER, "stop");
    }
  }

  @Test
  void clean_shutdownHook_removesItAndForgetsIt() {
    TestFunctionLoader loader = LeakyFunctions.newLoader("hooks");
    LeakyFunctions.call(loader, HOOKS, "start");
    try {
      assertThat(LeakCleaner.clean(loader))
          .containsExactly(
              new Leak(
                  Kind.SHUTDOWN_HOOK,
                  "shutdown hook thread 'fn-hook-" + loader.name() + "' (java.lang.Thread) removed",
                  true));

      assertThat(loader.tracker().shutdownHooks()).isEmpty();
      assertThat(LeakCleaner.clean(loader)).isEmpty();
    } finally {
      LeakyFunctions.call(loader, HOOKS, "stop");
    }
  }

  @Test
  void sweep_helperNotDefinedByTheSubject_isRefused() {
    DelegatingLoader delegating = new DelegatingLoader();

    assertThatThrownBy(() -> Drivers.sweep(delegating, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not define");
    assertThat(LeakCleaner.clean(delegating)).isEmpty();
  }

  /** A loader that wrongly hands out the runtime's own copy of the helper. */
  private static final class DelegatingLoader extends ClassLoader implements LeakSubject {
    private final ResourceTracker tracker = new ResourceTracker();

    DelegatingLoader() {
      super("fn.delegating", DelegatingLoader.class.getClassLoader());
    }

    @Override
    public String name() {
      return getName();
    }

    @Override
    public Class<?> defineHelper(String binaryName, byte[] bytes) {
      return DriverSweep.class; // the runtime's copy would sweep the host's drivers
    }

    @Override
    public ResourceTracker tracker() {
      return tracker;
    }
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.DRIVER;
import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.HOOKS;
import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.LeakReport.Kind;
import dev.lambdaembedded.api.LeakReport.Leak;
import org.junit.jupiter.api.Test;

/**
 * What the scanner finds in a loader that is still reachable; the verifier tests cover the rest.
 */
final class LeakScannerTest {

  @Test
  void scan_nothingFound_reportsUnknown() {
    TestFunctionLoader loader = LeakyFunctions.newLoader("clean");

    assertThat(LeakScanner.scan(loader))
        .singleElement()
        .satisfies(
            leak -> {
              assertThat(leak.kind()).isEqualTo(Kind.UNKNOWN);
              assertThat(leak.cleaned()).isFalse();
            });
  }

  @Test
  void scan_hookStillRegistered_reportsShutdownHook() {
    TestFunctionLoader loader = LeakyFunctions.newLoader("hooks");
    LeakyFunctions.call(loader, HOOKS, "start");
    try {
      assertThat(LeakScanner.scan(loader))
          .containsExactly(
              new Leak(
                  Kind.SHUTDOWN_HOOK,
                  "shutdown hook thread 'fn-hook-"
                      + loader.name()
                      + "' (java.lang.Thread) is still registered",
                  false));
    } finally {
      LeakyFunctions.call(loader, HOOKS, "stop");
    }
  }

  @Test
  void scan_driverStillRegistered_reportsJdbcDriver() {
    TestFunctionLoader loader = LeakyFunctions.newLoader("driver");
    LeakyFunctions.call(loader, DRIVER, "start");
    try {
      assertThat(LeakScanner.scan(loader))
          .containsExactly(
              new Leak(
                  Kind.JDBC_DRIVER,
                  "JDBC driver fn.LeakyDriver is still registered with DriverManager",
                  false));
    } finally {
      LeakyFunctions.call(loader, DRIVER, "stop");
    }
  }

  @Test
  void scan_threadOfAnotherLoader_isNotReported() {
    TestFunctionLoader leaking = LeakyFunctions.newLoader("worker");
    TestFunctionLoader innocent = LeakyFunctions.newLoader("worker");
    LeakyFunctions.call(leaking, WORKER, "start");
    try {
      assertThat(LeakScanner.scan(innocent)).extracting(Leak::kind).containsExactly(Kind.UNKNOWN);
      assertThat(LeakScanner.scan(leaking))
          .extracting(Leak::kind)
          .containsExactly(Kind.PLATFORM_THREAD);
    } finally {
      LeakyFunctions.call(leaking, WORKER, "stop");
    }
  }
}

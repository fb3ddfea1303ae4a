/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.DRIVER;
import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.FIBER;
import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.HOOKS;
import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.PLAIN;
import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.SESSION;
import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.TICKER;
import static dev.lambdaembedded.core.isolation.leak.LeakyFunctions.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.GcFinalization;
import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.LeakReport.Kind;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seeds one leak per function, retires the function's loader and checks what the verifier reports.
 * Every scenario runs in its own method so that no test frame holds the loader during collection;
 * every test undoes its leak through the function's own {@code stop()} and checks that the loader
 * is then collected.
 */
final class UnloadVerifierTest {
  private static final Instant RETIRED = Instant.parse("2026-01-01T00:00:00Z");
  private static final int GC_ROUNDS = 10;

  /** A host-side cache that keeps a function object: a cause the scanner cannot name. */
  private static final List<Object> HOST_CACHE = new CopyOnWriteArrayList<>();

  private final UnloadVerifier verifier = new UnloadVerifier();
  private final ExecutorService host =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "host-worker"));

  @AfterEach
  void stopHost() {
    host.close();
  }

  @Test
  void verify_nothingPending_returnsNoReport() {
    assertThat(verifier.verify(GC_ROUNDS)).isEmpty();
    assertThat(verifier.reports()).isEmpty();
  }

  @Test
  void verify_cleanFunction_reportsNothingAndLoaderIsCollected() {
    WeakReference<TestFunctionLoader> loader = retire("clean", PLAIN, false);

    assertThat(verifier.verify(GC_ROUNDS)).isEmpty();

    assertThat(loader.refersTo(null)).isTrue();
    assertThat(verifier.pending()).isZero();
    assertThat(verifier.reports()).isEmpty();
  }

  @Test
  void verify_platformThreadLeft_reportsPinnedPlatformThread() {
    WeakReference<TestFunctionLoader> loader = retire("worker", WORKER, false);
    String name = nameOf(loader);
    try {
      LeakReport report = onlyReport();

      assertThat(report.collected()).isFalse();
      assertThat(report.leaks())
          .singleElement()
          .satisfies(
              leak -> {
                assertThat(leak.kind()).isEqualTo(Kind.PLATFORM_THREAD);
                assertThat(leak.cleaned()).isFalse();
                assertThat(leak.description())
                    .startsWith("platform thread 'fn-worker-" + name + "' (#")
                    .endsWith(") runs fn.Worker.waitForever");
              });
    } finally {
      stop(loader, WORKER);
    }
    GcFinalization.awaitClear(loader);
  }

  @Test
  void verify_virtualThreadLeft_reportsPinnedVirtualThread() {
    WeakReference<TestFunctionLoader> loader = retire("fiber", FIBER, false);
    String name = nameOf(loader);
    try {
      LeakReport report = onlyReport();

      assertThat(report.collected()).isFalse();
      assertThat(report.leaks())
          .singleElement()
          .satisfies(
              leak -> {
                assertThat(leak.kind()).isEqualTo(Kind.VIRTUAL_THREAD);
                assertThat(leak.description())
                    .startsWith("virtual thread 'fn-fiber-" + name + "' (#")
                    .contains(") runs fn.Fiber.waitForever(Fiber.java:");
              });
    } finally {
      stop(loader, FIBER);
    }
    GcFinalization.awaitClear(loader);
  }

  @Test
  void verify_threadLocalLeftOnHostThread_reportsPinnedThreadLocal() throws Exception {
    WeakReference<TestFunctionLoader> loader = retireOnHost("session", SESSION);
    String name = nameOf(loader);
    try {
      LeakReport report = onlyReport();

      assertThat(report.collected()).isFalse();
      assertThat(report.leaks())
          .singleElement()
          .satisfies(
              leak -> {
                assertThat(leak.kind()).isEqualTo(Kind.THREAD_LOCAL);
                assertThat(leak.description())
                    .startsWith("thread 'host-worker' (#")
                    .endsWith(
                        ") holds a fn.Session$State (loader "
                            + name
                            + ") in a thread local java.lang.ThreadLocal");
              });
    } finally {
      host.submit(() -> stop(loader, SESSION)).get();
    }
    GcFinalization.awaitClear(loader);
  }

  @Test
  void verify_timerLeft_reportsPinnedTimer() {
    WeakReference<TestFunctionLoader> loader = retire("ticker", TICKER, false);
    String name = nameOf(loader);
    try {
      LeakReport report = onlyReport();

      assertThat(report.collected()).isFalse();
      assertThat(report.leaks())
          .singleElement()
          .satisfies(
              leak -> {
                assertThat(leak.kind()).isEqualTo(Kind.TIMER);
                assertThat(leak.description())
                    .startsWith("timer thread 'fn-timer-" + name + "' (#")
                    .endsWith("has the function's loader " + name + " as context class loader");
              });
    } finally {
      stop(loader, TICKER);
    }
    GcFinalization.awaitClear(loader);
  }

  @Test
  void verify_shutdownHookCleaned_reportsCleanedHookOfCollectedLoader() {
    WeakReference<TestFunctionLoader> loader = retire("hooks", HOOKS, true);
    String name = nameOf(loader);
    try {
      LeakReport report = onlyReport();

      assertThat(report.collected()).isTrue();
      assertThat(report.leaks())
          .containsExactly(
              new LeakReport.Leak(
                  Kind.SHUTDOWN_HOOK,
                  "shutdown hook thread 'fn-hook-" + name + "' (java.lang.Thread) removed",
                  true));
      assertThat(loader.refersTo(null)).isTrue();
    } finally {
      stopIfAlive(loader, HOOKS);
    }
  }

  @Test
  void verify_jdbcDriverCleaned_reportsCleanedDriverOfCollectedLoader() {
    WeakReference<TestFunctionLoader> loader = retire("driver", DRIVER, true);
    try {
      LeakReport report = onlyReport();

      assertThat(report.collected()).isTrue();
      assertThat(report.leaks())
          .containsExactly(
              new LeakReport.Leak(
                  Kind.JDBC_DRIVER,
                  "JDBC driver fn.LeakyDriver deregistered from DriverManager",
                  true));
      assertThat(loader.refersTo(null)).isTrue();
    } finally {
      stopIfAlive(loader, DRIVER);
    }
  }

  @Test
  void verify_pinnedByUnknownCause_reportsUnknown() {
    WeakReference<TestFunctionLoader> loader = retireHeldByHost("plain");
    String name = nameOf(loader);
    try {
      LeakReport report = onlyReport();

      assertThat(report.collected()).isFalse();
      assertThat(report.leaks())
          .singleElement()
          .satisfies(
              leak -> {
                assertThat(leak.kind()).isEqualTo(Kind.UNKNOWN);
                assertThat(leak.description()).contains(name);
              });
    } finally {
      HOST_CACHE.clear();
    }
    GcFinalization.awaitClear(loader);
  }

  /**
   * Issue 13: a loader found pinned stays known as pinned; every later check reports it again (so
   * {@code verify} and {@code reports()} agree whichever check found it), until a check sees it
   * collected and says so, in its result and in {@code reports()}.
   */
  @Test
  void verify_pinnedLoader_isReportedByEveryCheckUntilOneSeesItCollected() {
    WeakReference<TestFunctionLoader> loader = retireHeldByHost("kept");
    List<LeakReport> first;
    try {
      first = verifier.verify(1);

      assertThat(verifier.pending()).isZero();
      assertThat(verifier.pinned()).isEqualTo(1);
      assertThat(verifier.reports()).isEqualTo(first);
      assertThat(first.getFirst())
          .extracting(
              LeakReport::functionName,
              LeakReport::version,
              LeakReport::unloadedAt,
              LeakReport::collected)
          .containsExactly("kept", "1", RETIRED, false);

      List<LeakReport> second = verifier.verify(1);

      assertThat(second).isEqualTo(first); // the same loader, the same pin, scanned again
      assertThat(verifier.reports()).isEqualTo(second);
      assertThat(verifier.pinned()).isEqualTo(1);
    } finally {
      HOST_CACHE.clear();
    }

    List<LeakReport> last = verifier.verify(GC_ROUNDS);

    assertThat(loader.refersTo(null)).isTrue();
    LeakReport pinned = first.getFirst();
    assertThat(last)
        .containsExactly(
            new LeakReport(
                pinned.functionName(),
                pinned.version(),
                pinned.environment(),
                pinned.unloadedAt(),
                true,
                pinned.leaks()));
    assertThat(verifier.reports()).isEqualTo(last);
    assertThat(verifier.pinned()).isZero();
    assertThat(verifier.verify(GC_ROUNDS)).isEmpty();
    assertThat(verifier.reports()).isEqualTo(last);
  }

  @Test
  void reports_pinnedLoaderIsKeptBeyondTheHundredCollectedOnes() {
    WeakReference<TestFunctionLoader> loader = retireHeldByHost("pinned");
    try {
      verifier.verify(1);
      for (int i = 0; i < UnloadVerifier.REPORTS_KEPT + 5; i++) {
        trackWithCleanedLeak("f" + i);
      }

      List<LeakReport> reports = verifier.verify(GC_ROUNDS);

      assertThat(reports).hasSize(UnloadVerifier.REPORTS_KEPT + 6);
      assertThat(reports.getFirst().functionName()).isEqualTo("pinned");
      assertThat(verifier.reports())
          .hasSize(UnloadVerifier.REPORTS_KEPT + 1)
          .startsWith(reports.getFirst())
          .endsWith(reports.getLast());
      assertThat(verifier.reports().get(1).functionName()).isEqualTo("f5");
    } finally {
      HOST_CACHE.clear();
    }
    assertThat(verifier.verify(GC_ROUNDS))
        .singleElement()
        .extracting(LeakReport::collected)
        .isEqualTo(true);
    assertThat(loader.refersTo(null)).isTrue();
  }

  @Test
  void reports_keepsTheLastHundred() {
    for (int i = 0; i < UnloadVerifier.REPORTS_KEPT + 5; i++) {
      trackWithCleanedLeak("f" + i);
    }

    List<LeakReport> reports = verifier.verify(GC_ROUNDS);

    assertThat(reports).hasSize(UnloadVerifier.REPORTS_KEPT + 5);
    assertThat(verifier.reports())
        .hasSize(UnloadVerifier.REPORTS_KEPT)
        .isEqualTo(reports.subList(5, reports.size()));
  }

  @Test
  void hasPendingOlderThan_comparesRetirementInstants() {
    trackWithCleanedLeak("old");

    assertThat(verifier.pending()).isEqualTo(1);
    assertThat(verifier.hasPendingOlderThan(RETIRED)).isFalse();
    assertThat(verifier.hasPendingOlderThan(RETIRED.plusMillis(1))).isTrue();
    verifier.verify(GC_ROUNDS);
    assertThat(verifier.hasPendingOlderThan(Instant.MAX)).isFalse();
  }

  @Test
  void track_subjectNotAClassLoader_throws() {
    LeakSubject notALoader =
        new LeakSubject() {
          @Override
          public String name() {
            return "fake";
          }

          @Override
          public Class<?> defineHelper(String binaryName, byte[] bytes) {
            throw new UnsupportedOperationException();
          }

          @Override
          public ResourceTracker tracker() {
            return new ResourceTracker();
          }
        };

    assertThatThrownBy(() -> verifier.track(notALoader, "f", "1", "e", RETIRED, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> verifier.verify(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  private LeakReport onlyReport() {
    List<LeakReport> reports = verifier.verify(GC_ROUNDS);
    assertThat(reports).hasSize(1);
    assertThat(verifier.reports()).isEqualTo(reports);
    return reports.getFirst();
  }

  /** Loads a function, calls its {@code start()}, optionally cleans, and tracks the loader. */
  private WeakReference<TestFunctionLoader> retire(
      String function, String className, boolean clean) {
    TestFunctionLoader loader = LeakyFunctions.newLoader(function);
    LeakyFunctions.call(loader, className, "start");
    List<LeakReport.Leak> cleaned = clean ? LeakCleaner.clean(loader) : List.of();
    verifier.track(loader, function, "1", "env-" + loader.name(), RETIRED, cleaned);
    return new WeakReference<>(loader);
  }

  /** Like {@link #retire} without cleaning, but calls {@code start()} on the host thread. */
  private WeakReference<TestFunctionLoader> retireOnHost(String function, String className)
      throws ExecutionException, InterruptedException {
    TestFunctionLoader loader = LeakyFunctions.newLoader(function);
    host.submit(() -> LeakyFunctions.call(loader, className, "start")).get();
    verifier.track(loader, function, "1", "env-" + loader.name(), RETIRED, List.of());
    return new WeakReference<>(loader);
  }

  private WeakReference<TestFunctionLoader> retireHeldByHost(String function) {
    TestFunctionLoader loader = LeakyFunctions.newLoader(function);
    HOST_CACHE.add(java.util.Objects.requireNonNull(LeakyFunctions.call(loader, PLAIN, "start")));
    verifier.track(loader, function, "1", "env-" + loader.name(), RETIRED, List.of());
    return new WeakReference<>(loader);
  }

  private void trackWithCleanedLeak(String function) {
    List<LeakReport.Leak> cleaned = new ArrayList<>();
    cleaned.add(new LeakReport.Leak(Kind.SHUTDOWN_HOOK, "a hook of " + function, true));
    verifier.track(LeakyFunctions.newLoader(function), function, "1", "e", RETIRED, cleaned);
  }

  private static String nameOf(WeakReference<TestFunctionLoader> loader) {
    return alive(loader).name();
  }

  private static @Nullable Object stop(WeakReference<TestFunctionLoader> loader, String className) {
    return LeakyFunctions.call(alive(loader), className, "stop");
  }

  private static void stopIfAlive(WeakReference<TestFunctionLoader> loader, String className) {
    TestFunctionLoader alive = loader.get();
    if (alive != null) {
      LeakyFunctions.call(alive, className, "stop");
    }
  }

  private static TestFunctionLoader alive(WeakReference<TestFunctionLoader> loader) {
    TestFunctionLoader alive = loader.get();
    assertThat(alive).as("loader still alive").isNotNull();
    return java.util.Objects.requireNonNull(alive);
  }
}

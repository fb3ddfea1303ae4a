/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unloading, verified: retired environments release their class loaders, the runtime checks with
 * weak references and garbage collection that they were collected, and reports what pins them.
 */
final class UnloadingTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static final byte[] CLEAN =
      TestJars.builder()
          .source(
              "fn.Clean",
              """
              package fn;
              public class Clean implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
                static final java.util.List<String> SEEN = new java.util.ArrayList<>();
                public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
                  SEEN.add(in);
                  return new Helper().shout(in);
                }
              }
              class Helper { String shout(String s) { return s.toUpperCase(); } }
              """)
          .toBytes();

  private static final byte[] THREAD_LEAK =
      TestJars.builder()
          .source(
              "fn.Leaky",
              """
              package fn;
              public class Leaky implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
                public static final java.util.concurrent.CountDownLatch STOP = new java.util.concurrent.CountDownLatch(1);
                public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
                  Thread t = new Thread(() -> {
                    try { STOP.await(); } catch (InterruptedException e) { }
                  }, "leaky-worker");
                  t.setDaemon(true);
                  t.start();
                  return "started";
                }
              }
              """)
          .toBytes();

  private static FunctionConfig config(String name, String handler) {
    return FunctionConfig.builder(name).handler(handler).build();
  }

  @Test
  void deletedFunction_itsLoaderIsCollectedAndNothingIsReported() {
    FunctionRuntime runtime = fixture.runtime(b -> b.unloadVerification(true, Duration.ofHours(1)));
    runtime
        .registry()
        .create(config("clean", "fn.Clean::handleRequest"), FunctionCode.deployed(CLEAN));
    assertThat(json(runtime.invoke("clean", Payload.json("\"hi\"")))).isEqualTo("\"HI\"");

    runtime.registry().delete("clean");

    assertThat(runtime.inspect().pendingUnloads()).isEqualTo(1);
    assertThat(runtime.inspect().checkUnloaded()).isEmpty();
    assertThat(runtime.inspect().pendingUnloads()).isZero();
    assertThat(runtime.inspect().leakReports()).isEmpty();
  }

  @Test
  void updatedCode_theOldEnvironmentsLoaderIsReleased() {
    FunctionRuntime runtime = fixture.runtime(b -> b.unloadVerification(true, Duration.ofHours(1)));
    runtime
        .registry()
        .create(config("clean", "fn.Clean::handleRequest"), FunctionCode.deployed(CLEAN));
    runtime.invoke("clean", Payload.json("\"a\""));

    runtime.registry().updateCode("clean", FunctionCode.deployed(CLEAN));

    assertThat(runtime.inspect().pendingUnloads()).isEqualTo(1);
    assertThat(runtime.inspect().checkUnloaded()).isEmpty();
    assertThat(json(runtime.invoke("clean", Payload.json("\"b\"")))).isEqualTo("\"B\"");
  }

  @Test
  void idleEnvironment_retiredByHousekeeping_isVerifiedInTheBackgroundAfterTheDelay()
      throws Exception {
    FunctionRuntime runtime =
        fixture.runtime(
            b ->
                b.environmentIdleTimeout(Duration.ofMinutes(1))
                    .unloadVerification(true, Duration.ofSeconds(10)));
    runtime
        .registry()
        .create(config("clean", "fn.Clean::handleRequest"), FunctionCode.deployed(CLEAN));
    runtime.invoke("clean", Payload.json("\"a\""));

    fixture.time().advance(Duration.ofMinutes(2)); // housekeeping retires the idle environment
    dev.lambdaembedded.core.testing.Await.until(() -> runtime.inspect().pendingUnloads() == 1);
    fixture.time().advance(Duration.ofSeconds(11)); // the check is due
    dev.lambdaembedded.core.testing.Await.until(() -> runtime.inspect().pendingUnloads() == 0);

    assertThat(runtime.inspect().leakReports()).isEmpty();
  }

  @Test
  void threadStartedByTheFunction_pinsTheLoaderAndIsNamedInTheReport() throws Exception {
    fixture.expectLeaks();
    FunctionRuntime runtime = fixture.runtime(b -> b.unloadVerification(true, Duration.ofHours(1)));
    runtime
        .registry()
        .create(config("leaky", "fn.Leaky::handleRequest"), FunctionCode.deployed(THREAD_LEAK));
    runtime.invoke("leaky", Payload.json("\"go\""));
    Thread worker =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("leaky-worker"))
            .findFirst()
            .orElseThrow();

    runtime.registry().delete("leaky");
    List<LeakReport> reports = runtime.inspect().checkUnloaded();
    worker.interrupt();
    worker.join();

    assertThat(reports).hasSize(1);
    LeakReport report = reports.getFirst();
    assertThat(report.functionName()).isEqualTo("leaky");
    assertThat(report.collected()).isFalse();
    assertThat(report.leaks())
        .extracting(LeakReport.Leak::kind)
        .contains(LeakReport.Kind.PLATFORM_THREAD);
    assertThat(report.leaks().toString()).contains("leaky-worker");
    assertThat(runtime.inspect().leakReports()).containsExactly(report);
  }

  /** Ends the thread {@link #THREAD_LEAK} started, in a frame of its own that then goes. */
  private static void stopLeakyWorker() throws InterruptedException {
    Thread worker =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("leaky-worker"))
            .findFirst()
            .orElseThrow();
    worker.interrupt();
    worker.join();
  }

  /**
   * Issue 13: once the background check has reported a loader pinned, {@code checkUnloaded()} still
   * reports it (it checks it again) and {@code leakReports()} agrees; when the leak ends, the next
   * check says the loader was collected, and both agree again. Driven by the manual clock: the
   * background check runs when a release is older than the delay.
   */
  @Test
  void pinnedLoader_afterTheBackgroundCheck_checkUnloadedAndLeakReportsAgree() throws Exception {
    FunctionRuntime runtime =
        fixture.runtime(b -> b.unloadVerification(true, Duration.ofSeconds(10)));
    runtime
        .registry()
        .create(config("leaky", "fn.Leaky::handleRequest"), FunctionCode.deployed(THREAD_LEAK));
    runtime.invoke("leaky", Payload.json("\"go\""));
    runtime.registry().delete("leaky");
    assertThat(runtime.inspect().pendingUnloads()).isEqualTo(1);

    fixture.time().advance(Duration.ofSeconds(11)); // the background check is due
    dev.lambdaembedded.core.testing.Await.until(() -> runtime.inspect().pendingUnloads() == 0);
    List<LeakReport> background = runtime.inspect().leakReports();
    List<LeakReport> checked = runtime.inspect().checkUnloaded();

    assertThat(background).singleElement().extracting(LeakReport::collected).isEqualTo(false);
    assertThat(checked)
        .singleElement()
        .satisfies(
            report -> {
              assertThat(report.functionName()).isEqualTo("leaky");
              assertThat(report.environment()).isEqualTo(background.getFirst().environment());
              assertThat(report.collected()).isFalse();
              assertThat(report.leaks().toString()).contains("leaky-worker");
            });
    assertThat(runtime.inspect().leakReports()).isEqualTo(checked);

    stopLeakyWorker();
    List<LeakReport> collected = runtime.inspect().checkUnloaded();

    assertThat(collected)
        .singleElement()
        .satisfies(
            report -> {
              assertThat(report.environment()).isEqualTo(checked.getFirst().environment());
              assertThat(report.collected()).isTrue();
              assertThat(report.leaks()).isEqualTo(checked.getFirst().leaks()); // what pinned it
            });
    assertThat(runtime.inspect().leakReports()).isEqualTo(collected);
    assertThat(runtime.inspect().checkUnloaded()).isEmpty();
  }

  /** Deleting a function drains its running invocation first; its loader is released after. */
  @Test
  void deleteDuringAnInvocation_letsItFinish_thenReleasesTheLoader() throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    System.getProperties().put("drain.started", started);
    System.getProperties().put("drain.release", release);
    try {
      FunctionRuntime runtime =
          fixture.runtime(b -> b.unloadVerification(true, Duration.ofHours(1)));
      byte[] code =
          TestJars.builder()
              .source(
                  "fn.Slow",
                  """
                  package fn;
                  import java.util.concurrent.CountDownLatch;
                  public class Slow implements dev.lambdaembedded.api.handler.RequestHandler<Object, String> {
                    public String handleRequest(Object in, dev.lambdaembedded.api.handler.Context c) {
                      ((CountDownLatch) System.getProperties().get("drain.started")).countDown();
                      try {
                        ((CountDownLatch) System.getProperties().get("drain.release")).await();
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      }
                      return "finished";
                    }
                  }
                  """)
              .toBytes();
      runtime
          .registry()
          .create(config("slow", "fn.Slow::handleRequest"), FunctionCode.deployed(code));
      java.util.concurrent.CompletableFuture<dev.lambdaembedded.api.InvocationResult> call =
          fixture.invokeAsync(runtime, "slow");
      started.await();

      runtime.registry().delete("slow");
      assertThat(runtime.inspect().pendingUnloads()).as("released while running").isZero();
      release.countDown();

      assertThat(json(call.get())).isEqualTo("\"finished\"");
      dev.lambdaembedded.core.testing.Await.until(() -> runtime.inspect().pendingUnloads() == 1);
      assertThat(runtime.inspect().checkUnloaded()).isEmpty();
    } finally {
      System.getProperties().remove("drain.started");
      System.getProperties().remove("drain.release");
      release.countDown();
    }
  }

  /** The bound: 1,000 deploy/invoke/undeploy cycles grow metaspace by less than 10 MB. */
  @Test
  void thousandDeployInvokeUndeployCycles_keepMetaspaceGrowthUnderTenMegabytes() {
    FunctionRuntime runtime = fixture.runtime(b -> b.unloadVerification(true, Duration.ofHours(1)));
    FunctionCode.Isolated code = FunctionCode.deployed(CLEAN).withPolicy(CodePolicy.defaults());
    cycles(runtime, code, 100); // warm up the runtime's own classes and caches
    runtime.inspect().checkUnloaded();
    long before = metaspaceUsed();

    for (int round = 0; round < 10; round++) {
      cycles(runtime, code, 100);
      assertThat(runtime.inspect().checkUnloaded()).as("leak reports").isEmpty();
    }
    long growth = metaspaceUsed() - before;

    assertThat(growth).as("metaspace growth in bytes").isLessThan(10L * 1024 * 1024);
    assertThat(runtime.inspect().pendingUnloads()).isZero();
  }

  private static void cycles(FunctionRuntime runtime, FunctionCode code, int count) {
    for (int i = 0; i < count; i++) {
      runtime.registry().create(config("cycle", "fn.Clean::handleRequest"), code);
      assertThat(json(runtime.invoke("cycle", Payload.json("\"x\"")))).isEqualTo("\"X\"");
      runtime.registry().delete("cycle");
    }
  }

  private static long metaspaceUsed() {
    System.gc();
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getName().equals("Metaspace"))
        .mapToLong(pool -> pool.getUsage().getUsed())
        .sum();
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.LeakReport;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The six leak kinds measured to pin a function's class loader on JDK 25 (reliability.md §4.2),
 * each seeded by a deployed function and reported when the function is deleted: the ones the
 * runtime can clean safely (JDBC drivers, shutdown hooks) as cleaned, the rest as pinning it.
 *
 * <p>Leaked threads and timers hand the test a way to stop them through the system properties (a
 * table any class loader can reach), so the test undoes each leak afterwards.
 */
final class SeededLeaksTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();
  private final ExecutorService hostThread =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "host-pool-thread"));

  @AfterEach
  void undoLeaks() throws Exception {
    if (System.getProperties().remove("leak.stop") instanceof CountDownLatch stop) {
      stop.countDown();
    }
    if (System.getProperties().remove("leak.timer") instanceof java.util.Timer timer) {
      timer.cancel();
    }
    hostThread.shutdown();
    assertThat(hostThread.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  private static final String PREFIX =
      """
      package fn;
      public class Leak implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
        static final ThreadLocal<Object> LOCAL = new ThreadLocal<>();
        public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
          java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
          Runnable wait = () -> {
            try { stop.await(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
          };
      """;

  private static final String SUFFIX =
      """
          return "leaked";
        }
      }
      class Holder { }
      class FakeDriver implements java.sql.Driver {
        public java.sql.Connection connect(String url, java.util.Properties info) { return null; }
        public boolean acceptsURL(String url) { return url.startsWith("jdbc:fake:"); }
        public java.sql.DriverPropertyInfo[] getPropertyInfo(String u, java.util.Properties i) {
          return new java.sql.DriverPropertyInfo[0];
        }
        public int getMajorVersion() { return 1; }
        public int getMinorVersion() { return 0; }
        public boolean jdbcCompliant() { return false; }
        public java.util.logging.Logger getParentLogger() { return java.util.logging.Logger.getGlobal(); }
      }
      """;

  private List<LeakReport> deployInvokeDelete(String body, CodePolicy policy, boolean onHostThread)
      throws Exception {
    fixture.expectLeaks();
    FunctionRuntime runtime = fixture.runtime(b -> b.unloadVerification(true, Duration.ofHours(1)));
    byte[] code = TestJars.builder().source("fn.Leak", PREFIX + body + SUFFIX).toBytes();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("leak").handler("fn.Leak::handleRequest").build(),
            FunctionCode.deployed(code).withPolicy(policy));
    if (onHostThread) {
      hostThread
          .submit(() -> runtime.invoke("leak", Payload.json("\"go\"")))
          .get(30, TimeUnit.SECONDS);
    } else {
      runtime.invoke("leak", Payload.json("\"go\""));
    }
    runtime.registry().delete("leak");
    return runtime.inspect().checkUnloaded();
  }

  private static LeakReport.Leak only(
      List<LeakReport> reports, LeakReport.Kind kind, boolean collected) {
    assertThat(reports).hasSize(1);
    LeakReport report = reports.getFirst();
    assertThat(report.functionName()).isEqualTo("leak");
    assertThat(report.collected()).as("collected").isEqualTo(collected);
    return report.leaks().stream()
        .filter(leak -> leak.kind() == kind)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + report.leaks()));
  }

  @Test
  void platformThreadStillRunning_pinsTheLoader() throws Exception {
    List<LeakReport> reports =
        deployInvokeDelete(
            """
            System.getProperties().put("leak.stop", stop);
            Thread t = new Thread(wait, "leaked-platform");
            t.setDaemon(true);
            t.start();
            """,
            CodePolicy.defaults(),
            false);

    assertThat(only(reports, LeakReport.Kind.PLATFORM_THREAD, false).description())
        .contains("leaked-platform");
  }

  @Test
  void virtualThreadStillRunning_pinsTheLoader() throws Exception {
    List<LeakReport> reports =
        deployInvokeDelete(
            """
            System.getProperties().put("leak.stop", stop);
            Thread.ofVirtual().name("leaked-virtual").start(wait);
            """,
            CodePolicy.defaults(),
            false);

    assertThat(only(reports, LeakReport.Kind.VIRTUAL_THREAD, false).description())
        .contains("leaked-virtual");
  }

  @Test
  void threadLocalSetOnAHostPoolThread_pinsTheLoader() throws Exception {
    List<LeakReport> reports =
        deployInvokeDelete("LOCAL.set(new Holder());\n", CodePolicy.defaults(), true);

    assertThat(only(reports, LeakReport.Kind.THREAD_LOCAL, false).description())
        .contains("host-pool-thread")
        .contains("fn.Holder");
  }

  @Test
  void timerWithAPendingTask_pinsTheLoader() throws Exception {
    List<LeakReport> reports =
        deployInvokeDelete(
            """
            java.util.Timer timer = new java.util.Timer("leaked-timer", true);
            timer.schedule(new java.util.TimerTask() { public void run() { } }, 3_600_000L);
            System.getProperties().put("leak.timer", timer);
            """,
            CodePolicy.defaults(),
            false);

    assertThat(only(reports, LeakReport.Kind.TIMER, false).description()).contains("leaked-timer");
  }

  @Test
  void shutdownHook_isRemovedAndReportedAsCleaned() throws Exception {
    List<LeakReport> reports =
        deployInvokeDelete(
            "Runtime.getRuntime().addShutdownHook(new Thread(wait, \"leaked-hook\"));\n",
            CodePolicy.defaults().allow(CodePolicy.Check.SHUTDOWN_HOOK),
            false);

    LeakReport.Leak hook = only(reports, LeakReport.Kind.SHUTDOWN_HOOK, true);
    assertThat(hook.cleaned()).isTrue();
    assertThat(hook.description()).contains("leaked-hook");
  }

  @Test
  void jdbcDriver_isDeregisteredAndReportedAsCleaned() throws Exception {
    List<LeakReport> reports =
        deployInvokeDelete(
            """
            try { java.sql.DriverManager.registerDriver(new FakeDriver()); }
            catch (java.sql.SQLException e) { throw new IllegalStateException(e); }
            """,
            CodePolicy.defaults(),
            false);

    LeakReport.Leak driver = only(reports, LeakReport.Kind.JDBC_DRIVER, true);
    assertThat(driver.cleaned()).isTrue();
    assertThat(driver.description()).contains("fn.FakeDriver");
  }

  @Test
  void cleanFunction_producesNoReport() throws Exception {
    assertThat(deployInvokeDelete("stop.countDown();\n", CodePolicy.defaults(), true)).isEmpty();
  }
}

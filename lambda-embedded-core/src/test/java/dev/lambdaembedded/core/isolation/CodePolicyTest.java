/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.api.config.ExecutionMode;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.Await;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import dev.lambdaembedded.core.testing.TestJars;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The load-time code policy, through the runtime: classes checked when first defined, cooperative
 * timeouts, getenv.
 */
final class CodePolicyTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  /** One jar: a clean handler, a handler that needs a forbidden class, and that class. */
  private static final String SPAWNER =
      """
      package fn;
      public class Spawner {
        public static String spawn() {
          try {
            Runtime.getRuntime().exec(new String[] {"true"});
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return "spawned";
        }
      }
      """;

  private static final String HANDLERS =
      """
      package fn;
      public class Handlers {
        public String clean(String in) {
          return "clean " + in;
        }

        public String spawning(String in) {
          return in.equals("spawn") ? Spawner.spawn() : "did not need it";
        }

        public String swallowing(String in) {
          try {
            return Spawner.spawn();
          } catch (Throwable e) {
            return "pretends all is well";
          }
        }
      }
      """;

  private static final String FORBIDDEN_HANDLER =
      """
      package fn;
      public class Loader implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
        public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
          System.loadLibrary("nothing");
          return in;
        }
      }
      """;

  private static final byte[] MIXED =
      TestJars.builder()
          .source("fn.Spawner", SPAWNER)
          .source("fn.Handlers", HANDLERS)
          .source("fn.Loader", FORBIDDEN_HANDLER)
          .toBytes();

  private static final String BUSY =
      """
      package fn;
      public class Busy implements dev.lambdaembedded.api.handler.RequestHandler<Object, String> {
        public String handleRequest(Object in, dev.lambdaembedded.api.handler.Context c) {
          System.out.println("spinning now");
          long spins = 0;
          while (spins >= 0) { // never ends, never looks at its interrupt
            spins++;
          }
          return "unreachable " + spins;
        }
      }
      """;

  private static final String ENV =
      """
      package fn;
      public class Env implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
        public String handleRequest(String name, dev.lambdaembedded.api.handler.Context c) {
          return String.valueOf(System.getenv(name)) + "|" + System.getenv().containsKey("PATH");
        }
      }
      """;

  @Test
  void forbiddenClass_registers_andFailsOnlyTheInvocationsThatLoadIt() {
    FunctionRuntime runtime = fixture.runtime();
    for (String handler : List.of("clean", "spawning", "swallowing")) {
      runtime
          .registry()
          .create(
              FunctionConfig.builder(handler).handler("fn.Handlers::" + handler).build(),
              FunctionCode.deployed(MIXED));
    }

    assertThat(json(runtime.invoke("clean", Payload.json("\"x\"")))).isEqualTo("\"clean x\"");
    assertThat(json(runtime.invoke("spawning", Payload.json("\"no\""))))
        .as("a path that never loads the forbidden class runs")
        .isEqualTo("\"did not need it\"");

    FunctionError error = error(runtime.invoke("spawning", Payload.json("\"spawn\"")));
    assertThat(error.errorType()).isEqualTo(FunctionError.CODE_POLICY_VIOLATION);
    assertThat(error.errorMessage())
        .startsWith("Class fn.Spawner is not defined: the function's code policy forbids")
        .contains(
            "fn.Spawner.spawn()Ljava/lang/String; line "
                + lineOf(SPAWNER, "exec(")
                + ": java.lang.Runtime.exec(java.lang.String[]) (PROCESS: would start an"
                + " operating-system process outside the function's limits)")
        .endsWith(
            "To allow it, deploy the code with FunctionCode.deployed(...)"
                + ".withPolicy(CodePolicy.defaults().allow(CodePolicy.Check.PROCESS))");
    assertThat(error.stackTrace()).anyMatch(frame -> frame.startsWith("fn.Handlers.spawning("));
    assertThat(fixture.logs().lines("spawning"))
        .anyMatch(line -> line.startsWith("Class fn.Spawner is not defined"));
    assertThat(error(runtime.invoke("spawning", Payload.json("\"spawn\""))).errorType())
        .as("every invocation that needs it fails the same way")
        .isEqualTo(FunctionError.CODE_POLICY_VIOLATION);
    assertThat(error(runtime.invoke("swallowing", Payload.json("\"x\""))).errorType())
        .as("whatever the handler makes of the missing class")
        .isEqualTo(FunctionError.CODE_POLICY_VIOLATION);
    assertThat(json(runtime.invoke("clean", Payload.json("\"y\"")))).isEqualTo("\"clean y\"");
  }

  @Test
  void forbiddenHandlerClass_failsItsInitPhase_everyTime() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("loader").handler("fn.Loader::handleRequest").build(),
            FunctionCode.deployed(MIXED));

    for (int i = 0; i < 2; i++) {
      FunctionError error = error(runtime.invoke("loader", Payload.json("\"x\"")));
      assertThat(error.errorType()).isEqualTo(FunctionError.CODE_POLICY_VIOLATION);
      assertThat(error.errorMessage())
          .contains("java.lang.System.loadLibrary(java.lang.String) (NATIVE_CODE:")
          .contains("allow(CodePolicy.Check.NATIVE_CODE)");
    }
    assertThat(fixture.logs().lines("loader")).anyMatch(line -> line.startsWith("INIT_REPORT"));
  }

  @Test
  void allowedChecks_letTheClassLoad() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("spawning").handler("fn.Handlers::spawning").build(),
            FunctionCode.deployed(MIXED)
                .withPolicy(CodePolicy.defaults().allow(CodePolicy.Check.PROCESS)));

    assertThat(json(runtime.invoke("spawning", Payload.json("\"spawn\""))))
        .isEqualTo("\"spawned\"");
  }

  /**
   * A handler in a busy loop that never checks its interrupt stops at its deadline anyway: the
   * rewritten loop's check unwinds it. In caller-thread mode the caller gets Lambda's timeout; in
   * virtual-thread mode the handler's thread ends instead of spinning forever (the fixture checks
   * after the test that no runtime thread is left).
   */
  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void busyLoopIgnoringInterrupts_endsAtItsDeadline(ExecutionMode mode) throws Exception {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("busy")
                .handler("fn.Busy::handleRequest")
                .timeout(Duration.ofSeconds(1))
                .executionMode(mode)
                .build(),
            FunctionCode.deployed(TestJars.builder().source("fn.Busy", BUSY).toBytes()));

    CompletableFuture<InvocationResult> call = fixture.invokeAsync(runtime, "busy");
    fixture.logs().awaitLineContaining("spinning now");
    fixture.time().advance(Duration.ofSeconds(2));

    assertThat(error(call.get(30, TimeUnit.SECONDS)).errorMessage())
        .contains("Task timed out after");
    Await.until(
        () ->
            runtime.inspect().stuckInvocations() == 0
                && runtime.inspect().concurrentExecutions() == 0);
  }

  /**
   * As many busy handlers as the virtual-thread scheduler has carriers would, without the rewrite,
   * hold every carrier for as long as they spin (measured: they stop every virtual thread in the
   * JVM). The runtime asks them to yield every slice (1 ms), so another virtual thread still runs
   * while they spin; the test would hang (and time out) if it did not.
   */
  @Test
  void busyVirtualThreadHandlers_yieldTheirCarriers_toOtherVirtualThreads() throws Exception {
    int carriers = Runtime.getRuntime().availableProcessors();
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("busy")
                .handler("fn.Busy::handleRequest")
                .timeout(Duration.ofSeconds(1))
                .executionMode(ExecutionMode.VIRTUAL_THREAD)
                .build(),
            FunctionCode.deployed(TestJars.builder().source("fn.Busy", BUSY).toBytes()));
    List<CompletableFuture<InvocationResult>> calls = new ArrayList<>();
    for (int i = 0; i < carriers; i++) {
      calls.add(fixture.invokeAsync(runtime, "busy"));
    }
    Await.until(
        () ->
            fixture.logs().records().stream()
                    .filter(r -> r.message().contains("spinning now"))
                    .count()
                == carriers);

    CountDownLatch ran = new CountDownLatch(1);
    Thread.ofVirtual().start(ran::countDown);
    ran.await(); // needs a carrier while every busy handler spins

    fixture.time().advance(Duration.ofSeconds(2));
    for (CompletableFuture<InvocationResult> call : calls) {
      assertThat(error(call.get(30, TimeUnit.SECONDS)).errorMessage())
          .contains("Task timed out after");
    }
    Await.until(() -> runtime.inspect().stuckInvocations() == 0);
  }

  @Test
  void getenv_inFunctionCode_seesTheFunctionsVariables_notTheHosts() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("env")
                .handler("fn.Env::handleRequest")
                .environmentVariable("GREETING", "ahoy")
                .build(),
            FunctionCode.deployed(TestJars.builder().source("fn.Env", ENV).toBytes()));

    assertThat(json(runtime.invoke("env", Payload.json("\"GREETING\""))))
        .isEqualTo("\"ahoy|false\"");
    assertThat(json(runtime.invoke("env", Payload.json("\"AWS_LAMBDA_FUNCTION_NAME\""))))
        .isEqualTo("\"env|false\"");
    assertThat(System.getenv("GREETING")).isNull(); // the host's environment is unchanged
  }

  @Test
  void getenv_withoutTheFunctionEnvironment_readsTheHosts() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("env")
                .handler("fn.Env::handleRequest")
                .environmentVariable("GREETING", "ahoy")
                .build(),
            FunctionCode.deployed(TestJars.builder().source("fn.Env", ENV).toBytes())
                .withPolicy(CodePolicy.defaults().withFunctionEnvironment(false)));

    assertThat(json(runtime.invoke("env", Payload.json("\"GREETING\""))))
        .isEqualTo("\"null|" + System.getenv().containsKey("PATH") + "\"");
  }

  private static int lineOf(String source, String marker) {
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("no " + marker);
  }
}

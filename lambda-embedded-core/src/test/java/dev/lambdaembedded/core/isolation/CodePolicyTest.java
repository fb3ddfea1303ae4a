/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import static dev.lambdaembedded.core.testing.Results.error;
import static dev.lambdaembedded.core.testing.Results.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.CodeVerificationFailedException;
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

/** The load-time code policy, through the runtime: refusals, cooperative timeouts, getenv. */
final class CodePolicyTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  private static final String EXITS =
      """
      package fn;
      public class Exits implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
        public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
          if (in.equals("exit")) System.exit(3);
          if (in.equals("exec")) {
            try { Runtime.getRuntime().exec(new String[] {"true"}); }
            catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
          }
          java.util.function.IntConsumer later = System::exit;
          return in;
        }
      }
      """;

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
  void forbiddenCalls_refuseTheCode_listingEveryFinding_andRegisterNothing() {
    FunctionRuntime runtime = fixture.runtime();
    byte[] code = TestJars.builder().source("fn.Exits", EXITS).toBytes();

    assertThatThrownBy(
            () ->
                runtime
                    .registry()
                    .create(
                        FunctionConfig.builder("exits").handler("fn.Exits::handleRequest").build(),
                        FunctionCode.deployed(code)))
        .isInstanceOfSatisfying(
            CodeVerificationFailedException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.findings())
                  .extracting(
                      f -> f.className() + " " + f.line() + " " + f.target() + " " + f.check())
                  .containsExactly(
                      "fn.Exits 4 java.lang.System.exit(int) EXIT",
                      "fn.Exits 6 java.lang.Runtime.exec(java.lang.String[]) PROCESS",
                      "fn.Exits 9 java.lang.System.exit(int) EXIT");
            })
        .hasMessageContaining("The code of exits breaks the code policy (3 findings)");
    assertThat(runtime.registry().list()).isEmpty();
  }

  @Test
  void allowedChecks_letTheCodeRegister() {
    FunctionRuntime runtime = fixture.runtime();
    byte[] code = TestJars.builder().source("fn.Exits", EXITS).toBytes();

    runtime
        .registry()
        .create(
            FunctionConfig.builder("exits").handler("fn.Exits::handleRequest").build(),
            FunctionCode.deployed(code)
                .withPolicy(
                    CodePolicy.defaults().allow(CodePolicy.Check.EXIT, CodePolicy.Check.PROCESS)));

    assertThat(json(runtime.invoke("exits", Payload.json("\"fine\"")))).isEqualTo("\"fine\"");
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
   * JVM). The checks yield every 10 ms, so another virtual thread still runs while they spin; the
   * test would hang (and time out) if it did not.
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
}

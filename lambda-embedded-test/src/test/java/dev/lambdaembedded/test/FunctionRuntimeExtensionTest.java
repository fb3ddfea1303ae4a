/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static dev.lambdaembedded.test.LambdaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaembedded.api.Destinations;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.MessageQueue;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.RuntimeInspector;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension as its users meet it: a runtime per test with its parts as parameters, a manual
 * clock that drives timeouts and asynchronous retries without sleeps, captured log lines, and a
 * failed test when a runtime is left unclean.
 */
@FunctionRuntimeTest
final class FunctionRuntimeExtensionTest {

  private static void greeter(FunctionRegistry registry) {
    registry.create(
        FunctionConfig.of("greeter"),
        FunctionCode.handler(
            (Map<String, String> in, Context context) -> {
              context.logger().log("greeting " + in.get("name"));
              return Map.of("greeting", "Hello, " + in.get("name"));
            }));
  }

  @Test
  void resolvesTheRuntimeAndItsParts(
      FunctionRuntime runtime,
      FunctionRegistry registry,
      RuntimeInspector inspector,
      Destinations destinations,
      ManualClock clock,
      CapturedLogs logs) {
    assertThat(registry).isSameAs(runtime.registry());
    assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.RUNNING);
    assertThat(inspector.concurrentExecutions()).isZero();
    assertThat(destinations.queue("q").arn()).startsWith("arn:aws:sqs:");
    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
    assertThat(logs.records()).isEmpty();
  }

  @Test
  void invocationAssertionsAndCapturedLines(FunctionRuntime runtime, CapturedLogs logs) {
    greeter(runtime.registry());

    InvocationResult result = runtime.invoke("greeter", Payload.json("{\"name\":\"Ada\"}"));

    assertThat(result)
        .succeeded()
        .hasPayloadJson("{ \"greeting\" : \"Hello, Ada\" }")
        .executedVersion("$LATEST");
    CapturedLogs.InvocationLog log = logs.of(result);
    assertThat(log.start()).hasValueSatisfying(line -> assertThat(line).startsWith("START"));
    assertThat(log.end()).isPresent();
    assertThat(log.report()).hasValueSatisfying(line -> assertThat(line).contains("Duration"));
    assertThat(log.output()).anyMatch(line -> line.contains("greeting Ada"));
    assertThat(logs.lines("greeter")).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void failureAssertions_nameTheErrorTypeAndMessage(FunctionRuntime runtime) {
    runtime
        .registry()
        .create(
            FunctionConfig.of("broken"),
            FunctionCode.handler(
                (Object in, Context context) -> {
                  throw new IllegalStateException("out of stock");
                }));

    InvocationResult result = runtime.invoke("broken", Payload.json("{}"));

    assertThat(result)
        .failed()
        .failedWith(IllegalStateException.class)
        .hasErrorMessageContaining("out of stock");
    assertThatThrownBy(() -> assertThat(result).succeeded())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to succeed")
        .hasMessageContaining("out of stock");
    assertThatThrownBy(() -> assertThat(result).timedOut())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Sandbox.Timedout");
  }

  /** Lambda's timeout fires when the clock passes it: the test moves the clock, no waiting. */
  @Test
  void timeout_firesWhenTheManualClockPassesIt(FunctionRuntime runtime, ManualClock clock)
      throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("slow").timeout(Duration.ofSeconds(3)).build(),
            FunctionCode.handler(
                (Object in, Context context) -> {
                  running.countDown();
                  new CountDownLatch(1).await(); // until the timeout interrupts it
                  return "never";
                }));
    CompletableFuture<InvocationResult> call =
        CompletableFuture.supplyAsync(() -> runtime.invoke("slow", Payload.json("{}")));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    clock.advance(Duration.ofSeconds(3));

    assertThat(call.get(10, TimeUnit.SECONDS))
        .timedOut()
        .hasErrorMessageContaining("Task timed out after 3.00 seconds");
  }

  /**
   * Lambda retries a failed asynchronous event after about 1 then 2 minutes: each move of the clock
   * runs the retry due before it returns, so the test checks each step at once.
   */
  @Test
  void asyncRetries_runWhenTheClockReachesThem(FunctionRuntime runtime, ManualClock clock) {
    AtomicInteger attempts = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.of("flaky"),
            FunctionCode.handler(
                (Object in, Context context) -> {
                  if (attempts.incrementAndGet() <= 2) {
                    throw new IllegalStateException("attempt " + attempts.get());
                  }
                  return "ok";
                }));
    MessageQueue done = runtime.destinations().queue("done");
    runtime
        .registry()
        .putEventInvokeConfig(
            "flaky", "$LATEST", EventInvokeConfig.defaults().withOnSuccess(done.arn()));

    UUID requestId = runtime.invokeAsync("flaky", Payload.json("{}"));
    clock.advance(Duration.ZERO); // runs what is due now
    assertThat(attempts).hasValue(1);
    clock.advance(Duration.ofSeconds(59));
    assertThat(attempts).hasValue(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(attempts).hasValue(2);
    clock.advance(Duration.ofMinutes(2));
    assertThat(attempts).hasValue(3);
    assertThat(done.poll())
        .hasValueSatisfying(
            message -> assertThat(message.body()).contains(requestId.toString(), "\"Success\""));
  }

  /**
   * Lambda drops an event older than its maximum event age when it comes up for a retry, with
   * condition {@code EventAgeExceeded}: the clock move that passes the age delivers the record.
   */
  @Test
  void eventAgeExpiry_firesWhenTheClockPassesIt(FunctionRuntime runtime, ManualClock clock) {
    AtomicInteger attempts = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.of("failing"),
            FunctionCode.handler(
                (Object in, Context context) -> {
                  attempts.incrementAndGet();
                  throw new IllegalStateException("always");
                }));
    MessageQueue failures = runtime.destinations().queue("failures");
    runtime
        .registry()
        .putEventInvokeConfig(
            "failing",
            "$LATEST",
            EventInvokeConfig.defaults()
                .withMaximumEventAge(Duration.ofSeconds(60))
                .withOnFailure(failures.arn()));

    runtime.invokeAsync("failing", Payload.json("{}"));
    clock.advance(Duration.ZERO);
    assertThat(failures.poll()).isEmpty(); // failed once, its retry is due in a minute
    clock.advance(Duration.ofSeconds(61));

    assertThat(attempts).hasValue(1);
    assertThat(failures.poll())
        .hasValueSatisfying(
            record -> assertThat(record.body()).contains("\"condition\":\"EventAgeExceeded\""));
  }

  @Test
  void executedVersion_namesThePublishedVersion(FunctionRuntime runtime) {
    greeter(runtime.registry());
    runtime.registry().publishVersion("greeter", "first");

    assertThat(runtime.invoke("greeter:1", Payload.json("{\"name\":\"Cy\"}")))
        .succeeded()
        .executedVersion("1");
    assertThatThrownBy(
            () -> assertThat(runtime.invoke("greeter", Payload.json("{}"))).executedVersion("1"))
        .hasMessageContaining("version $LATEST ran");
  }

  @Test
  void manualClock_movesForwardOnly(ManualClock clock) {
    clock.advance(Duration.ofMinutes(5));
    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plus(Duration.ofMinutes(5)));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forward only");
    assertThatThrownBy(() -> clock.advanceTo(ManualClock.DEFAULT_START))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The programmatic form: runtime settings through the builder, the parts through accessors. */
  @Nested
  final class Programmatic {
    @RegisterExtension
    final FunctionRuntimeExtension lambda =
        FunctionRuntimeExtension.builder().configure(b -> b.accountConcurrency(7)).build();

    @Test
    void builderSettingsApply_andAccessorsServeTheTest() {
      greeter(lambda.runtime().registry());
      assertThat(lambda.runtime().invoke("greeter", Payload.json("{\"name\":\"Bo\"}")))
          .succeeded()
          .hasPayloadJson("{\"greeting\":\"Hello, Bo\"}");
      assertThat(lambda.logs().lines("greeter")).isNotEmpty();
      lambda.clock().advance(Duration.ofSeconds(1));
      assertThatThrownBy( // above the account's 7
              () ->
                  lambda
                      .runtime()
                      .registry()
                      .create(
                          FunctionConfig.builder("greedy").reservedConcurrency(8).build(),
                          FunctionCode.handler((Object in, Context c) -> "x")))
          .hasMessageContaining("7");
    }
  }

  /** A test that leaves a class loader pinned fails, naming it. */
  @Test
  void leftoverLeak_failsTheTest() {
    List<String> outcomes = TestRuns.run(LeakingFixture.class);

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            outcome ->
                assertThat(outcome)
                    .contains("FAILED")
                    .contains("did not close cleanly")
                    .contains("pinned"));
  }

  /**
   * A loader found pinned during the test and collected by close is not a leftover: the check at
   * close looks at it again, and the leak reports say it was collected.
   */
  @Test
  void leakEndedBeforeClose_passes() {
    List<String> outcomes = TestRuns.run(LeakEndingFixture.class);

    assertThat(outcomes).singleElement().asString().endsWith(": SUCCESSFUL");
  }

  @AfterEach
  void undoSeededLeak() {
    System.getProperties().remove("kit.leak");
  }

  private static final String LEAK_SOURCE =
      """
      package fn;
      public class Leak
          implements dev.lambdaembedded.api.handler.RequestHandler<String, String> {
        public String handleRequest(String in, dev.lambdaembedded.api.handler.Context c) {
          System.getProperties().put("kit.leak", this);
          return "leaked";
        }
      }
      """;

  /** Run only through {@link TestRuns}: pins a loader, sees it reported, then lets it go. */
  @FunctionRuntimeTest
  static final class LeakEndingFixture {
    @Test
    void pinsItsLoaderThenLetsItGo(FunctionRuntime runtime) {
      runtime
          .registry()
          .create(
              FunctionConfig.builder("leak").handler("fn.Leak::handleRequest").build(),
              FunctionCode.deployed(FunctionJar.builder().source("fn.Leak", LEAK_SOURCE).build()));
      assertThat(runtime.invoke("leak", Payload.json("\"go\""))).succeeded();
      runtime.registry().delete("leak");

      assertThat(runtime.inspect().checkUnloaded())
          .singleElement()
          .satisfies(report -> assertThat(report.collected()).isFalse());
      System.getProperties().remove("kit.leak");
    }
  }

  /** Run only through {@link TestRuns}: deploys a function that pins its own class loader. */
  @FunctionRuntimeTest
  static final class LeakingFixture {
    @Test
    void pinsItsLoader(FunctionRuntime runtime) {
      byte[] code = FunctionJar.builder().source("fn.Leak", LEAK_SOURCE).build();
      runtime
          .registry()
          .create(
              FunctionConfig.builder("leak").handler("fn.Leak::handleRequest").build(),
              FunctionCode.deployed(code));
      assertThat(runtime.invoke("leak", Payload.json("\"go\""))).succeeded();
    }
  }
}

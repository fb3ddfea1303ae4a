/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import static dev.lambdaembedded.test.LambdaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.MessageQueue;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.samples.functions.Greeter;
import dev.lambdaembedded.samples.functions.Greeting;
import dev.lambdaembedded.samples.functions.Reply;
import dev.lambdaembedded.test.CapturedLogs;
import dev.lambdaembedded.test.Event;
import dev.lambdaembedded.test.Events;
import dev.lambdaembedded.test.FunctionRuntimeTest;
import dev.lambdaembedded.test.ManualClock;
import dev.lambdaembedded.test.TestContext;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * How a team tests its handler with the test kit: events from files, the handler called directly
 * with a fake context, and the handler run by a real runtime — its timeout, its retries driven by a
 * manual clock, and its log lines — in milliseconds, without Docker.
 */
@FunctionRuntimeTest
final class GreeterTest {

  /** Deploys the handler as Lambda names it: a handler string, the class from the class path. */
  private static void deployGreeter(FunctionRuntime runtime) {
    runtime
        .registry()
        .create(
            FunctionConfig.builder("greeter")
                .handler("dev.lambdaembedded.samples.functions.Greeter::handle")
                .build(),
            FunctionCode.classpath());
  }

  /** The handler as a plain object, with a context that looks like Lambda's. */
  @ParameterizedTest
  @Event("greetings/ada.json")
  void greetsByName_calledDirectly(Greeting greeting) {
    TestContext context = TestContext.builder().functionName("greeter").build();

    Reply reply = new Greeter().handle(greeting, context);

    assertThat(reply.message()).startsWith("Hello, Ada, from greeter");
  }

  /** Every event in a folder, through the runtime: JSON in, JSON out, as Lambda would. */
  @ParameterizedTest
  @Events(folder = "greetings", type = String.class)
  void everyGreetingSucceeds_throughTheRuntime(String eventJson, FunctionRuntime runtime) {
    deployGreeter(runtime);

    InvocationResult result = runtime.invoke("greeter", Payload.json(eventJson));

    assertThat(result).succeeded().executedVersion("$LATEST");
  }

  @Test
  void greetsAStranger_withExactJson(FunctionRuntime runtime, CapturedLogs logs) {
    deployGreeter(runtime);

    InvocationResult result = runtime.invoke("greeter", Payload.json("{}"));

    assertThat(result)
        .succeeded()
        .hasPayloadJson(
            "{\"message\":\"Hello, stranger, from greeter (invocation 1 of this environment)\"}");
    CapturedLogs.InvocationLog log = logs.of(result);
    assertThat(log.start())
        .hasValue("START RequestId: " + result.requestId() + " Version: $LATEST");
    assertThat(log.report()).hasValueSatisfying(line -> assertThat(line).contains("Init Duration"));
  }

  /** Lambda stops a handler at its timeout; the manual clock gets there without waiting. */
  @Test
  void slowDependency_timesOut(FunctionRuntime runtime, ManualClock clock) throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    runtime
        .registry()
        .create(
            FunctionConfig.builder("greeter").timeout(Duration.ofSeconds(5)).build(),
            FunctionCode.handler(
                Greeting.class,
                (in, context) -> {
                  called.countDown();
                  never.await(); // a dependency that never answers
                  return new Reply("too late");
                }));
    CompletableFuture<InvocationResult> call =
        CompletableFuture.supplyAsync(() -> runtime.invoke("greeter", Payload.json("{}")));
    assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();

    clock.advance(Duration.ofSeconds(5));

    assertThat(call.get(10, TimeUnit.SECONDS))
        .timedOut()
        .hasErrorMessageContaining("Task timed out after 5.00 seconds");
  }

  /**
   * An asynchronous event whose first attempt fails is retried by Lambda about a minute later with
   * the same request id: the test moves the clock a minute and the retry has run.
   */
  @Test
  void failedEvent_retriedAMinuteLater_sameRequestId(
      FunctionRuntime runtime, ManualClock clock, CapturedLogs logs) {
    AtomicInteger attempts = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.of("greeter"),
            FunctionCode.handler(
                Greeting.class,
                (in, context) -> {
                  context.logger().log("attempt " + attempts.incrementAndGet());
                  if (attempts.get() == 1) {
                    throw new IllegalStateException("greeting store unavailable");
                  }
                  return new Reply("Hello, " + in.name());
                }));
    MessageQueue delivered = runtime.destinations().queue("greetings-sent");
    runtime
        .registry()
        .putEventInvokeConfig(
            "greeter", "$LATEST", EventInvokeConfig.defaults().withOnSuccess(delivered.arn()));

    UUID requestId = runtime.invokeAsync("greeter", Payload.json("{\"name\":\"Ada\"}"));
    clock.advance(Duration.ZERO);
    assertThat(attempts).hasValue(1);

    clock.advance(Duration.ofMinutes(1));

    assertThat(attempts).hasValue(2);
    assertThat(delivered.poll())
        .hasValueSatisfying(
            message ->
                assertThat(message.body())
                    .contains("\"requestId\":\"" + requestId + "\"")
                    .contains("\"approximateInvokeCount\":2"));
    // both attempts log under the one request id, with the first one's error as Lambda writes it
    assertThat(logs.of(requestId).output())
        .containsSubsequence("attempt 1", "attempt 2")
        .anyMatch(
            line -> line.startsWith("greeting store unavailable: java.lang.IllegalStateException"));
  }
}

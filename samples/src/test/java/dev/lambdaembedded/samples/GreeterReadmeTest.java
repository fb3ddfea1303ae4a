/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import static dev.lambdaembedded.test.LambdaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.samples.functions.Greeting;
import dev.lambdaembedded.samples.functions.Reply;
import dev.lambdaembedded.test.CapturedLogs;
import dev.lambdaembedded.test.Events;
import dev.lambdaembedded.test.FunctionRuntimeTest;
import dev.lambdaembedded.test.ManualClock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The README's "Testing your handlers" example, compiled and run; {@link ReadmeSnippetTest}. */
// tag::testing[]
@FunctionRuntimeTest // a runtime per test, closed and checked for leaks after it
class GreeterReadmeTest {

  @ParameterizedTest
  @Events(folder = "greetings", type = String.class) // every .json file in the folder
  void greetsEveryone(String event, FunctionRuntime runtime, CapturedLogs logs) {
    runtime
        .registry()
        .create(
            FunctionConfig.builder("greeter")
                .handler("dev.lambdaembedded.samples.functions.Greeter::handle")
                .build(),
            FunctionCode.classpath());

    InvocationResult result = runtime.invoke("greeter", Payload.json(event));

    assertThat(result).succeeded().executedVersion("$LATEST");
    assertThat(logs.of(result).report())
        .hasValueSatisfying(l -> assertThat(l).contains("Duration"));
  }

  @Test
  void retriesAFailedEventAMinuteLater(
      FunctionRuntime runtime, ManualClock clock, CapturedLogs logs) {
    AtomicInteger calls = new AtomicInteger();
    runtime
        .registry()
        .create(
            FunctionConfig.of("flaky"),
            FunctionCode.handler(
                Greeting.class,
                (in, context) -> {
                  if (calls.incrementAndGet() == 1) throw new IllegalStateException("store down");
                  return new Reply("Hello, " + in.name());
                }));

    UUID requestId = runtime.invokeAsync("flaky", Payload.json("{\"name\":\"Ada\"}"));
    clock.advance(Duration.ZERO); // runs what is due: the first attempt fails
    clock.advance(Duration.ofMinutes(1)); // Lambda's first retry is due: it runs, and succeeds

    assertThat(calls).hasValue(2);
    assertThat(logs.of(requestId).output()).anyMatch(line -> line.startsWith("store down"));
  }
}
// end::testing[]

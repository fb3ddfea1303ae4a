/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.readme;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.LambdaRuntime;
import dev.lambdaembedded.samples.readme.Handlers.Order;
import dev.lambdaembedded.samples.readme.Handlers.Receipt;
import dev.lambdaembedded.test.CapturedLogs;
import dev.lambdaembedded.test.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's examples that need nothing but a runtime: the handlers answer the invocations
 * as the README says. The others (deployed code, versions, asynchronous invocation) name jars and
 * waits, and are compiled only; {@code ReadmeSnippetTest} ties every example to the README.
 */
final class ReadmeExamplesTest {

  @Test
  void handlersAndInvoking_everyFormAnswersAsDescribed() {
    Object[] built = Handlers.all();
    try (FunctionRuntime runtime = LambdaRuntime.builder().build()) {
      runtime.registry().create(FunctionConfig.of("orders"), (FunctionCode) built[0]);
      runtime.registry().create(FunctionConfig.of("echo"), (FunctionCode) built[2]);
      runtime.registry().create(FunctionConfig.of("pooled"), (FunctionCode) built[1]);

      List<InvocationResult> results = List.of(Invoking.all(runtime, new Order("o-3", 1)));

      assertThat(payloads(results))
          .containsExactly(
              Payload.json("{\"orderId\":\"o-1\",\"status\":\"ACCEPTED\"}"),
              Payload.of(new Receipt("o-3", "ACCEPTED")),
              Payload.json("{\"orderId\":\"o-2\",\"status\":\"ACCEPTED\"}"),
              Payload.bytes("any bytes".getBytes(UTF_8)));
      assertThat(results.get(2).logTail())
          .hasValueSatisfying(tail -> assertThat(tail).contains("REPORT"));
      assertThat(payloads(List.of(runtime.invoke("pooled", Payload.json("{\"id\":\"o-4\"}")))))
          .containsExactly(Payload.json("{\"orderId\":\"o-4\",\"status\":\"ACCEPTED\"}"));
    }
  }

  @Test
  void configuring_buildsARuntimeOnTheGivenSinkAndClock() {
    CapturedLogs logs = new CapturedLogs();
    try (FunctionRuntime runtime = Configuring.configure(logs, ManualClock.create())) {
      assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.RUNNING);
    }
  }

  private static List<Payload> payloads(List<InvocationResult> results) {
    return results.stream()
        .map(
            result ->
                switch (result) {
                  case InvocationResult.Success ok -> ok.payload();
                  case InvocationResult.Failure failed ->
                      throw new AssertionError(failed.error().toJson());
                })
        .toList();
  }
}

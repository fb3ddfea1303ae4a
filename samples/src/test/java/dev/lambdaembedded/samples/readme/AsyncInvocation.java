/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.readme;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.MessageQueue;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import java.time.Duration;
import java.util.UUID;

/** The README's asynchronous invocation example; compiled, not run. */
final class AsyncInvocation {
  private AsyncInvocation() {}

  static UUID send(FunctionRuntime runtime) throws InterruptedException {
    // tag::async[]
    MessageQueue failures = runtime.destinations().queue("order-failures");
    runtime
        .registry()
        .putEventInvokeConfig(
            "orders",
            "$LATEST",
            EventInvokeConfig.defaults().withMaximumRetryAttempts(1).withOnFailure(failures.arn()));
    UUID requestId = runtime.invokeAsync("orders", Payload.json("{\"id\":\"o-1\"}")); // at once
    failures.poll(Duration.ofMinutes(5)).ifPresent(record -> System.out.println(record.body()));
    // end::async[]
    return requestId;
  }
}

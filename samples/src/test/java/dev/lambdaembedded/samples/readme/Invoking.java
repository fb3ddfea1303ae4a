/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.readme;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.LogType;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.samples.readme.Handlers.Order;
import dev.lambdaembedded.samples.readme.Handlers.Receipt;

/**
 * The README's invocation examples, on a runtime with the functions {@code orders} and {@code
 * echo}.
 */
final class Invoking {
  private Invoking() {}

  static InvocationResult[] all(FunctionRuntime runtime, Order order) {
    // tag::invoking[]
    // JSON in, JSON out
    InvocationResult json = runtime.invoke("orders", Payload.json("{\"id\":\"o-1\"}"));
    // objects in and out, handed over without JSON
    InvocationResult objects =
        runtime.invoke(InvocationRequest.of("orders", Payload.of(order), Receipt.class));
    // with the last 4 KB of the invocation's log
    InvocationResult withTail =
        runtime.invoke(
            InvocationRequest.builder("orders:$LATEST")
                .payloadJson("{\"id\":\"o-2\"}")
                .logType(LogType.TAIL)
                .build());
    // any bytes, for a stream handler; what it writes comes back as bytes unless it is JSON
    InvocationResult bytes = runtime.invoke("echo", Payload.bytes("any bytes".getBytes(UTF_8)));
    // end::invoking[]
    return new InvocationResult[] {json, objects, withTail, bytes};
  }
}

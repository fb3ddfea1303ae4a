/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.readme;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.LambdaRuntime;

/** The README's quick start; {@code QuickStartTest} runs it. */
final class QuickStart {
  private QuickStart() {}

  static String run() {
    // tag::quickstart[]
    record Order(String id, int quantity) {}
    record Receipt(String orderId, String status) {}

    String response;
    try (FunctionRuntime runtime = LambdaRuntime.builder().build()) {
      runtime
          .registry()
          .create(
              FunctionConfig.of("place-order"),
              FunctionCode.handler(
                  Order.class,
                  (order, context) ->
                      new Receipt(order.id(), order.quantity() > 0 ? "ACCEPTED" : "REJECTED")));

      InvocationResult result =
          runtime.invoke("place-order", Payload.json("{\"id\":\"o-42\",\"quantity\":3}"));
      response =
          switch (result) {
            case InvocationResult.Success ok -> ok.payload().asString();
            case InvocationResult.Failure failed -> failed.error().toJson();
          };
    }
    System.out.println(response); // {"orderId":"o-42","status":"ACCEPTED"}
    // end::quickstart[]
    return response;
  }
}

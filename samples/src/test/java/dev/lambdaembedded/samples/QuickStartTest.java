/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.LambdaRuntime;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, compiled and run: the region between the tags is copied into the README
 * verbatim, so it must stay self-contained and short.
 */
final class QuickStartTest {

  @Test
  void quickStart_invokesAnInlineHandler_returnsItsJsonResponse() {
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
            case InvocationResult.Success ok -> ((Payload.Json) ok.payload()).asString();
            case InvocationResult.Failure failed -> failed.error().toJson();
          };
    }
    System.out.println(response); // {"orderId":"o-42","status":"ACCEPTED"}
    // end::quickstart[]

    assertThat(response).isEqualTo("{\"orderId\":\"o-42\",\"status\":\"ACCEPTED\"}");
  }
}

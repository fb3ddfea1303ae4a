/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.handler.Context;
import dev.lambdaembedded.core.LambdaRuntime;

/**
 * The process {@link LoggingProviderTest} starts: two runtimes with the default log sink, one after
 * the other, each invoking a function that logs through its logger and prints to {@code
 * System.out}.
 */
final class LoggingChild {
  private LoggingChild() {}

  public static void main(String[] args) {
    for (int i = 1; i <= 2; i++) {
      String name = "hello-" + i;
      try (FunctionRuntime runtime = LambdaRuntime.builder().build()) {
        runtime
            .registry()
            .create(
                FunctionConfig.of(name),
                FunctionCode.handler(
                    String.class,
                    (String who, Context context) -> {
                      context.logger().log("logged for " + who);
                      System.out.println("printed for " + who);
                      return "Hello, " + who;
                    }));
        runtime.invoke(name, Payload.json("\"Ada\""));
      }
    }
  }
}

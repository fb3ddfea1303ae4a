/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.readme;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.spi.LogSink;
import dev.lambdaembedded.core.LambdaRuntime;
import dev.lambdaembedded.test.ManualClock;
import java.time.Duration;

/** The README's runtime configuration example. */
final class Configuring {
  private Configuring() {}

  static FunctionRuntime configure(LogSink mySink, ManualClock manualClock) {
    // tag::configuring[]
    FunctionRuntime runtime =
        LambdaRuntime.builder()
            .accountConcurrency(200) // default 1,000, as Lambda
            .logSink(mySink) // default: SLF4J, logger dev.lambdaembedded.function.<name>
            .timeSource(manualClock) // tests: advance time instead of waiting
            .environmentIdleTimeout(Duration.ofMinutes(5))
            .mdc(true) // request id, function, version in the SLF4J MDC
            .build();
    // end::configuring[]
    return runtime;
  }
}

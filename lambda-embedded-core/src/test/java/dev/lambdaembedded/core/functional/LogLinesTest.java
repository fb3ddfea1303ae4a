/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.functional;

import static dev.lambdaembedded.core.testing.RuntimeFixture.requestId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationRequest;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.LogType;
import dev.lambdaembedded.api.Payload;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.testing.RuntimeFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lambda's START, END and REPORT lines, byte for byte (Lambda developer guide, java-logging). */
final class LogLinesTest {
  @RegisterExtension final RuntimeFixture fixture = new RuntimeFixture();

  @Test
  void invoke_coldThenWarm_writesLambdasLinesWithInitDurationOnlyOnFirst() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.builder("echo").memorySize(256).build(),
            FunctionCode.handler(
                String.class,
                (String s, dev.lambdaembedded.api.handler.Context c) -> {
                  fixture.time().advance(Duration.ofNanos(12_345_678));
                  System.out.println("handling " + s);
                  return s;
                }));

    runtime.invoke("echo", Payload.json("\"a\""));
    runtime.invoke("echo", Payload.json("\"b\""));

    assertThat(fixture.logs().lines("echo"))
        .containsExactly(
            "START RequestId: " + requestId(1) + " Version: $LATEST",
            "handling a",
            "END RequestId: " + requestId(1),
            "REPORT RequestId: "
                + requestId(1)
                + "\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB"
                + "\tMax Memory Used: unknown\tInit Duration: 0.00 ms\t",
            "START RequestId: " + requestId(2) + " Version: $LATEST",
            "handling b",
            "END RequestId: " + requestId(2),
            "REPORT RequestId: "
                + requestId(2)
                + "\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB"
                + "\tMax Memory Used: unknown\t");
  }

  @Test
  void invoke_logTypeTail_resultCarriesTheInvocationsLog() {
    FunctionRuntime runtime = fixture.runtime();
    runtime
        .registry()
        .create(
            FunctionConfig.of("talker"),
            FunctionCode.handler(
                (Object in, dev.lambdaembedded.api.handler.Context c) -> {
                  c.logger().log("via logger");
                  return "ok";
                }));

    InvocationResult result =
        runtime.invoke(
            InvocationRequest.builder("talker").payloadJson("{}").logType(LogType.TAIL).build());

    assertThat(result.logTail())
        .hasValue(
            "START RequestId: "
                + requestId(1)
                + " Version: $LATEST\n"
                + "via logger\n"
                + "END RequestId: "
                + requestId(1)
                + "\n"
                + "REPORT RequestId: "
                + requestId(1)
                + "\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: unknown\tInit Duration: 0.00 ms\t\n");
  }
}

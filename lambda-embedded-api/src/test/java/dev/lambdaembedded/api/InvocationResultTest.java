/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.NullPointerTester;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

final class InvocationResultTest {

  private static final UUID REQUEST_ID = UUID.fromString("6f1e3c3a-0000-4000-8000-000000000001");
  private static final InvocationReport REPORT = new InvocationReport(1_000, 1, 128, -1, -1);

  /** Lambda Invoke: X-Amz-Function-Error is Unhandled for every function error today. */
  @Test
  void failure_functionError_isUnhandled() {
    InvocationResult.Failure failure =
        new InvocationResult.Failure(
            REQUEST_ID,
            "$LATEST",
            new FunctionError("java.lang.IllegalStateException", "boom", List.of()),
            REPORT,
            Optional.empty());

    assertThat(failure.functionError()).isEqualTo("Unhandled");
  }

  @Test
  void switch_overBothOutcomes_readsEachComponent() {
    InvocationResult success =
        new InvocationResult.Success(
            REQUEST_ID, "7", Payload.json("\"ok\""), REPORT, Optional.of("START ..."));

    String described =
        switch (success) {
          case InvocationResult.Success s -> "success " + s.executedVersion();
          case InvocationResult.Failure f -> "failure " + f.error().errorType();
        };

    assertThat(described).isEqualTo("success 7");
    assertThat(success.requestId()).isEqualTo(REQUEST_ID);
    assertThat(success.report()).isEqualTo(REPORT);
    assertThat(success.logTail()).hasValue("START ...");
  }

  @Test
  void constructors_nullArguments_throwNpe() {
    NullPointerTester tester =
        new NullPointerTester()
            .setDefault(Payload.class, Payload.empty())
            .setDefault(UUID.class, REQUEST_ID)
            .setDefault(InvocationReport.class, REPORT)
            .setDefault(FunctionError.class, new FunctionError("T", "m", List.of()));

    tester.testAllPublicConstructors(InvocationResult.Success.class);
    tester.testAllPublicConstructors(InvocationResult.Failure.class);
  }
}

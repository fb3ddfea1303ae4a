/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * AssertJ assertions on an {@link InvocationResult}: what Lambda's {@code Invoke} answered — a
 * success with its payload, or a function error with its type and message — and which version ran.
 * Start from {@link LambdaAssertions#assertThat(InvocationResult)}.
 */
public final class InvocationResultAssert
    extends AbstractAssert<InvocationResultAssert, InvocationResult> {

  InvocationResultAssert(InvocationResult actual) {
    super(actual, InvocationResultAssert.class);
  }

  /**
   * Checks that the invocation succeeded.
   *
   * @return this
   */
  public InvocationResultAssert succeeded() {
    isNotNull();
    if (!(actual instanceof InvocationResult.Success)) {
      failWithMessage(
          "Expected invocation %s to succeed, but it failed with %s", actual.requestId(), error());
    }
    return this;
  }

  /**
   * Checks that the invocation succeeded with a response equal, as JSON, to the given text: the
   * same values, whatever the spacing and the order of object members.
   *
   * @param expectedJson the expected response as JSON text
   * @return this
   */
  public InvocationResultAssert hasPayloadJson(String expectedJson) {
    requireNonNull(expectedJson, "expectedJson");
    succeeded();
    JsonNode expected;
    try {
      expected = EventJson.tree(expectedJson);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("The expected JSON is malformed: " + expectedJson, e);
    }
    if (actual instanceof InvocationResult.Success(_, _, Payload.Bytes bytes, _, _)) {
      failWithMessage(
          "Expected the response of invocation %s to be JSON%n  %s%nbut it was bytes that are not"
              + " JSON%n  %s",
          actual.requestId(), expectedJson, bytes.asString());
    }
    String actualJson = payloadJson();
    JsonNode actualTree = EventJson.tree(actualJson);
    if (!expected.equals(actualTree)) {
      failWithMessage(
          "Expected the response of invocation %s to be JSON%n  %s%nbut it was%n  %s",
          actual.requestId(), expectedJson, actualJson);
    }
    return this;
  }

  /**
   * Checks that the invocation failed: a function error, a timeout or a runtime error.
   *
   * @return this
   */
  public InvocationResultAssert failed() {
    isNotNull();
    if (!(actual instanceof InvocationResult.Failure)) {
      failWithMessage(
          "Expected invocation %s to fail, but it succeeded with %s",
          actual.requestId(), payloadJson());
    }
    return this;
  }

  /**
   * Checks that the invocation failed with the given {@code errorType}: the exception's class name
   * for a handler that threw, or a Lambda type such as {@code Sandbox.Timedout}.
   *
   * @param errorType the expected error type
   * @return this
   */
  public InvocationResultAssert failedWith(String errorType) {
    requireNonNull(errorType, "errorType");
    failed();
    FunctionError error = error();
    if (!errorTypeMatches(error.errorType(), errorType)) {
      failWithMessage(
          "Expected invocation %s to fail with %s, but it failed with %s",
          actual.requestId(), errorType, error);
    }
    return this;
  }

  /**
   * Checks that the handler threw the given exception type (Lambda reports its class name as the
   * error type).
   *
   * @param exceptionType the expected exception class
   * @return this
   */
  public InvocationResultAssert failedWith(Class<? extends Throwable> exceptionType) {
    return failedWith(requireNonNull(exceptionType, "exceptionType").getName());
  }

  /**
   * Checks that the failure's message contains the given text.
   *
   * @param text the expected part of {@code errorMessage}
   * @return this
   */
  public InvocationResultAssert hasErrorMessageContaining(String text) {
    requireNonNull(text, "text");
    failed();
    FunctionError error = error();
    if (!error.errorMessage().contains(text)) {
      failWithMessage(
          "Expected the error message of invocation %s to contain%n  %s%nbut it was%n  %s",
          actual.requestId(), text, error.errorMessage());
    }
    return this;
  }

  /**
   * Checks that the invocation ran past its function's timeout (Lambda's {@code Sandbox.Timedout},
   * "Task timed out after N seconds").
   *
   * @return this
   */
  public InvocationResultAssert timedOut() {
    return failedWith(FunctionError.TIMEOUT);
  }

  /**
   * Checks which version ran: {@code $LATEST} or a published version number, as Lambda's {@code
   * X-Amz-Executed-Version} says.
   *
   * @param version the expected version
   * @return this
   */
  public InvocationResultAssert executedVersion(String version) {
    requireNonNull(version, "version");
    isNotNull();
    if (!actual.executedVersion().equals(version)) {
      failWithMessage(
          "Expected invocation %s to run version %s, but version %s ran",
          actual.requestId(), version, actual.executedVersion());
    }
    return this;
  }

  private static boolean errorTypeMatches(String actualType, String expectedType) {
    if (actualType.equals(expectedType)) {
      return true;
    }
    // a nested class reads either way: a.B$C or a.B.C
    return actualType.replace('$', '.').equals(expectedType.replace('$', '.'));
  }

  private FunctionError error() {
    return actual instanceof InvocationResult.Failure failure
        ? failure.error()
        : new FunctionError("none", "none", List.of());
  }

  private String payloadJson() {
    if (actual instanceof InvocationResult.Success success) {
      return switch (success.payload()) {
        case Payload.Json json -> json.size() == 0 ? "null" : json.asString();
        case Payload.Bytes bytes -> bytes.asString();
        case Payload.Value value -> EventJson.write(value.value());
      };
    }
    return "(no payload: it failed)";
  }
}

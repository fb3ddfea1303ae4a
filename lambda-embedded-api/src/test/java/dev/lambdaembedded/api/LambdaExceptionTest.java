/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.testing.NullPointerTester;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The refusal family against Lambda Invoke's error codes (reference sheet section 3.1). */
final class LambdaExceptionTest {

  /** Each refusal with Lambda's HTTP status, error code and the resource it names. */
  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            InvalidParameterValueException.of("fn", "memorySize", 20_000, "rule"),
            400,
            "InvalidParameterValueException",
            "fn"),
        Arguments.of(
            new InvalidRequestContentException("fn:live", "Unexpected character"),
            400,
            "InvalidRequestContentException",
            "fn:live"),
        Arguments.of(
            new ResourceNotFoundException("Function not found: fn:9", "fn:9"),
            404,
            "ResourceNotFoundException",
            "fn:9"),
        Arguments.of(
            new ResourceConflictException("Function already exist: fn", "fn"),
            409,
            "ResourceConflictException",
            "fn"),
        Arguments.of(
            new RequestTooLargeException("fn", 6_291_457, 6_291_456),
            413,
            "RequestTooLargeException",
            "fn"),
        Arguments.of(
            new TooManyRequestsException(
                "fn", ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED, 1_000),
            429,
            "TooManyRequestsException",
            "fn"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void statusCode_isLambdasHttpStatus(LambdaException refusal, int status) {
    assertThat(refusal.statusCode()).isEqualTo(status);
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void errorCode_isLambdasErrorCodeAndSimpleClassName(
      LambdaException refusal, int status, String errorCode) {
    assertThat(refusal.errorCode()).isEqualTo(errorCode);
    assertThat(refusal.errorCode()).isEqualTo(refusal.getClass().getSimpleName());
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void resource_isTheNamedResource(
      LambdaException refusal, int status, String errorCode, String resource) {
    assertThat(refusal.resource()).hasValue(resource);
    assertThat(refusal).isInstanceOf(RuntimeException.class).hasNoCause();
  }

  @Test
  void permittedSubclasses_areExactlyTheSixRefusals() {
    assertThat(LambdaException.class.getPermittedSubclasses())
        .containsExactlyInAnyOrder(
            InvalidParameterValueException.class,
            InvalidRequestContentException.class,
            RequestTooLargeException.class,
            ResourceConflictException.class,
            ResourceNotFoundException.class,
            TooManyRequestsException.class);
  }

  @Test
  void switch_overFamily_isExhaustiveWithoutDefault() {
    LambdaException refusal = new ResourceNotFoundException("Function not found: fn", "fn");

    String kind =
        switch (refusal) {
          case InvalidParameterValueException e -> "invalid parameter";
          case InvalidRequestContentException e -> "invalid content";
          case RequestTooLargeException e -> "too large";
          case ResourceConflictException e -> "conflict";
          case ResourceNotFoundException e -> "not found";
          case TooManyRequestsException e -> "throttled";
        };

    assertThat(kind).isEqualTo("not found");
  }

  // ---------------------------------------------------------------- InvalidParameterValueException

  @Test
  void invalidParameterValue_withoutResource_namesFieldValueRuleInLambdasForm() {
    InvalidParameterValueException e =
        InvalidParameterValueException.of(
            "memorySize", 20_000, "Member must have value less than or equal to 10240");

    assertThat(e.field()).isEqualTo("memorySize");
    assertThat(e.value()).isEqualTo("20000");
    assertThat(e.rule()).isEqualTo("Member must have value less than or equal to 10240");
    assertThat(e.resource()).isEmpty();
    // Lambda's validation message, as quoted in the class javadoc
    assertThat(e)
        .hasMessage(
            "Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value"
                + " less than or equal to 10240");
  }

  @Test
  void invalidParameterValue_nullValue_isShownAsNull() {
    InvalidParameterValueException e = InvalidParameterValueException.of("handler", null, "rule");

    assertThat(e.value()).isEqualTo("null");
    assertThat(e).hasMessage("Value 'null' at 'handler' failed to satisfy constraint: rule");
  }

  @Test
  void invalidParameterValue_factories_nullArguments_throwNpe() {
    // the value is @Nullable and skipped by the tester
    new NullPointerTester().testAllPublicStaticMethods(InvalidParameterValueException.class);
  }

  // ---------------------------------------------------------------- the others

  @Test
  void invalidRequestContent_message_isLambdas() {
    assertThat(new InvalidRequestContentException("fn", "Unexpected character ('x')"))
        .hasMessage("Could not parse request body into json: Unexpected character ('x')");
  }

  /** Lambda Invoke: 6 MB synchronous request limit, HTTP 413. */
  @Test
  void requestTooLarge_syncLimit_hasLambdasMessageSizeAndLimit() {
    RequestTooLargeException e = new RequestTooLargeException("fn", 6_291_457, 6_291_456);

    assertThat(e)
        .hasMessage("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    assertThat(e.size()).isEqualTo(6_291_457);
    assertThat(e.limit()).isEqualTo(6_291_456);
  }

  @ParameterizedTest
  @EnumSource(ThrottleReason.class)
  void tooManyRequests_carriesReasonAndLimit(ThrottleReason reason) {
    TooManyRequestsException e = new TooManyRequestsException("fn", reason, 7);

    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.limit()).isEqualTo(7);
    assertThat(e.getMessage()).contains(reason.lambdaName());
  }

  @Test
  void tooManyRequests_thrown_hasNoStackTrace() {
    TooManyRequestsException e =
        catchThrowableOfType(
            TooManyRequestsException.class,
            () -> {
              throw new TooManyRequestsException(
                  "fn", ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, 0);
            });

    assertThat(e.getStackTrace()).isEmpty();
    e.fillInStackTrace();
    assertThat(e.getStackTrace()).isEmpty();
  }

  @Test
  void otherRefusals_thrown_haveStackTraces() {
    ResourceNotFoundException e =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () -> {
              throw new ResourceNotFoundException("Function not found: fn", "fn");
            });

    assertThat(e.getStackTrace()).isNotEmpty();
  }

  /** Lambda Invoke: TooManyRequestsException Reason values. */
  @Test
  void throttleReason_lambdaName_isLambdasReasonString() {
    assertThat(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED.lambdaName())
        .isEqualTo("ConcurrentInvocationLimitExceeded");
    assertThat(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED.lambdaName())
        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
    assertThat(ThrottleReason.STUCK_INVOCATION_LIMIT_EXCEEDED.lambdaName())
        .as("beyond Lambda: handlers running past their timeouts")
        .isEqualTo("StuckInvocationLimitExceeded");
    assertThat(ThrottleReason.values()).hasSize(3);
  }

  @Test
  void tooManyRequests_stuckLimit_namesTheBound() {
    TooManyRequestsException e =
        new TooManyRequestsException("fn", ThrottleReason.STUCK_INVOCATION_LIMIT_EXCEEDED, 100);

    assertThat(e.getMessage())
        .startsWith("Rate Exceeded. Reason: StuckInvocationLimitExceeded (100 timed-out handlers")
        .contains("stuck invocation limit");
    assertThat(e.statusCode()).isEqualTo(429);
  }
}

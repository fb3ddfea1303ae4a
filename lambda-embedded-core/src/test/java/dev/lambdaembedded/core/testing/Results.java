/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import dev.lambdaembedded.api.FunctionError;
import dev.lambdaembedded.api.FunctionRuntime;
import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.Payload;
import org.jspecify.annotations.Nullable;

/** Reads invocation results in assertions, failing with the function error when it is not one. */
public final class Results {
  private Results() {}

  /** The JSON text of a successful result. */
  public static String json(InvocationResult result) {
    return switch (result) {
      case InvocationResult.Success success ->
          switch (success.payload()) {
            case Payload.Json json -> json.asString();
            case Payload.Bytes bytes ->
                throw new AssertionError("expected a JSON payload, got bytes: " + bytes.asString());
            case Payload.Value value ->
                throw new AssertionError("expected a JSON payload, got " + value);
          };
      case InvocationResult.Failure failure ->
          throw new AssertionError("expected a success, got " + failure.error().toJson());
    };
  }

  /** The payload of a successful result, of any kind. */
  public static Payload payload(InvocationResult result) {
    return switch (result) {
      case InvocationResult.Success success -> success.payload();
      case InvocationResult.Failure failure ->
          throw new AssertionError("expected a success, got " + failure.error().toJson());
    };
  }

  /** The object of a successful result that asked for a response type. */
  public static @Nullable Object value(InvocationResult result) {
    return switch (result) {
      case InvocationResult.Success success ->
          switch (success.payload()) {
            case Payload.Value value -> value.value();
            case Payload.Json json -> throw new AssertionError("expected a value, got " + json);
            case Payload.Bytes bytes -> throw new AssertionError("expected a value, got " + bytes);
          };
      case InvocationResult.Failure failure ->
          throw new AssertionError("expected a success, got " + failure.error().toJson());
    };
  }

  /** The function error of a failed result. */
  public static FunctionError error(InvocationResult result) {
    return switch (result) {
      case InvocationResult.Failure failure -> failure.error();
      case InvocationResult.Success success ->
          throw new AssertionError("expected a failure, got " + success.payload());
    };
  }

  /** The number of execution environments a function's invocations have started. */
  public static long coldStarts(FunctionRuntime runtime, String functionName) {
    return runtime.inspect().metrics(functionName).orElseThrow().coldStarts();
  }

  /** The number of invocations that reached a function. */
  public static long invocations(FunctionRuntime runtime, String functionName) {
    return runtime.inspect().metrics(functionName).orElseThrow().invocations();
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;

/**
 * The outcome of a synchronous invocation that reached the function: its response, or its error.
 *
 * <p>Both outcomes carry the request id, the version that ran ({@code X-Amz-Executed-Version}), the
 * {@link InvocationReport} and, when asked for, the log tail. A request the runtime refused never
 * becomes a result: it throws a {@link LambdaException}. Read results with an exhaustive {@code
 * switch}; {@link Payload#asString()} reads a response as text:
 *
 * <pre>{@code
 * switch (runtime.invoke("hello", Payload.json("{\"name\":\"Ada\"}"))) {
 *   case InvocationResult.Success s -> System.out.println(s.payload().asString());
 *   case InvocationResult.Failure f -> System.out.println(f.error().toJson());
 * }
 * }</pre>
 *
 * <p>Only a {@link Success} has a payload. A {@link Failure}'s body, as Lambda's {@code Invoke}
 * returns it, is {@code error().toJson()}; no accessor hands out one string for both, as that would
 * hide the difference this type exists to make.
 */
public sealed interface InvocationResult
    permits InvocationResult.Success, InvocationResult.Failure {

  /**
   * Returns the invocation's request id.
   *
   * @return the request id
   */
  UUID requestId();

  /**
   * Returns the version that ran: {@code $LATEST} or a published version number.
   *
   * @return the executed version
   */
  String executedVersion();

  /**
   * Returns the invocation's durations and measurements.
   *
   * @return the report
   */
  InvocationReport report();

  /**
   * Returns the last 4 KB of the invocation's log ({@code START} to {@code REPORT}) when the
   * request asked for {@link LogType#TAIL}.
   *
   * @return the log tail, or empty
   */
  Optional<String> logTail();

  /**
   * A response.
   *
   * @param requestId the request id
   * @param executedVersion the version that ran
   * @param payload the response: JSON; an object when the request named a response type; bytes when
   *     a stream handler wrote something that is not JSON
   * @param report the report
   * @param logTail the log tail, if asked for
   */
  record Success(
      UUID requestId,
      String executedVersion,
      Payload payload,
      InvocationReport report,
      Optional<String> logTail)
      implements InvocationResult {

    /** Checks that no component is null. */
    public Success {
      requireNonNull(requestId, "requestId");
      requireNonNull(executedVersion, "executedVersion");
      requireNonNull(payload, "payload");
      requireNonNull(report, "report");
      requireNonNull(logTail, "logTail");
    }
  }

  /**
   * A function error: the handler threw, timed out, could not be loaded, or its response was too
   * large.
   *
   * @param requestId the request id
   * @param executedVersion the version that ran
   * @param error the error in Lambda's shape
   * @param report the report
   * @param logTail the log tail, if asked for
   */
  record Failure(
      UUID requestId,
      String executedVersion,
      FunctionError error,
      InvocationReport report,
      Optional<String> logTail)
      implements InvocationResult {

    /** Checks that no component is null. */
    public Failure {
      requireNonNull(requestId, "requestId");
      requireNonNull(executedVersion, "executedVersion");
      requireNonNull(error, "error");
      requireNonNull(report, "report");
      requireNonNull(logTail, "logTail");
    }

    /**
     * Returns Lambda's {@code X-Amz-Function-Error} value, which current runtimes always set to
     * {@code Unhandled}.
     *
     * @return {@code Unhandled}
     */
    public String functionError() {
      return "Unhandled";
    }
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A function error in Lambda's shape: the body Lambda returns, with {@code X-Amz-Function-Error:
 * Unhandled}, when a handler throws or the platform fails the invocation.
 *
 * <p>For a handler exception {@code errorType} is the exception's class name, {@code errorMessage}
 * its message (or its class name without one) and {@code stackTrace} its frames down to the
 * handler's entry, with the runtime's own frames cut as Lambda cuts its runtime's. Platform errors
 * use Lambda's types: {@value #TIMEOUT} (the message {@code RequestId: <id> Error: Task timed out
 * after 3.00 seconds}), {@value #BAD_FUNCTION_CODE} (the handler cannot be loaded; no stack trace)
 * and {@value #RESPONSE_SIZE_TOO_LARGE}.
 *
 * <p>A handler exception's cause chain is kept: {@link #cause()} is the error its cause makes, in
 * the same shape, down to the root cause; a cause already in the chain (a cycle) ends it. Lambda's
 * Java runtime puts only the top exception in the error body and the whole chain, with suppressed
 * exceptions, in the function's log ({@code UserFault.trace}, Java's {@code printStackTrace}
 * format); so does this runtime, and the chain is here besides, for the host. {@link #toJson()}
 * stays Lambda's body, without the chain, because that body is what Lambda's callers, destinations
 * and dead-letter queues receive. Suppressed exceptions are in the log only.
 *
 * @param errorType the error's type
 * @param errorMessage the error's message
 * @param stackTrace the frames, innermost first, as {@link StackTraceElement#toString()} prints
 *     them; empty when Lambda omits them
 * @param cause the error of the exception's cause, empty for a root cause and for platform errors
 */
public record FunctionError(
    String errorType, String errorMessage, List<String> stackTrace, Optional<FunctionError> cause) {

  /** The error type of an invocation that ran past its timeout. */
  public static final String TIMEOUT = "Sandbox.Timedout";

  /** The error type of a handler that cannot be resolved or loaded. */
  public static final String BAD_FUNCTION_CODE = "Runtime.BadFunctionCode";

  /** The error type of a response larger than the response size limit. */
  public static final String RESPONSE_SIZE_TOO_LARGE = "Function.ResponseSizeTooLarge";

  /** The error type of an invocation the runtime stopped because it was closing. */
  public static final String RUNTIME_CLOSED = "Sandbox.Failure";

  /**
   * The error type of an invocation whose code ended its execution environment with {@code
   * System.exit}, {@code Runtime.exit} or {@code Runtime.halt}, as Lambda reports a runtime process
   * that exited: the message reads {@code RequestId: <id> Error: Runtime exited with error: exit
   * status 1}.
   */
  public static final String EXIT_ERROR = "Runtime.ExitError";

  /**
   * Beyond Lambda: the error type of an init phase or invocation whose code needed a class that its
   * {@linkplain dev.lambdaembedded.api.config.CodePolicy code policy} forbids; the message names
   * the class, method, line and check, and how to allow it.
   */
  public static final String CODE_POLICY_VIOLATION = "Runtime.CodePolicyViolation";

  /** Checks that no component is null and copies the stack trace. */
  public FunctionError {
    requireNonNull(errorType, "errorType");
    requireNonNull(errorMessage, "errorMessage");
    stackTrace = List.copyOf(stackTrace);
    requireNonNull(cause, "cause");
  }

  /**
   * Creates an error without a cause: a root cause, or a platform error.
   *
   * @param errorType the error's type
   * @param errorMessage the error's message
   * @param stackTrace the frames, innermost first; empty when Lambda omits them
   * @throws NullPointerException if an argument or a frame is null
   */
  public FunctionError(String errorType, String errorMessage, List<String> stackTrace) {
    this(errorType, errorMessage, stackTrace, Optional.empty());
  }

  /**
   * Returns whether this error is a timeout ({@value #TIMEOUT}).
   *
   * @return {@code true} for a timeout
   */
  public boolean isTimeout() {
    return errorType.equals(TIMEOUT);
  }

  /**
   * Returns the error as Lambda's JSON body: {@code {"errorMessage":...,"errorType":...,
   * "stackTrace":[...]}}, the stack trace omitted when empty. The cause chain is not in it, as it
   * is not in the body of Lambda's Java runtime ({@code LambdaErrorConverter.fromThrowable}).
   *
   * @return the JSON text
   */
  public String toJson() {
    StringBuilder json = new StringBuilder(64 + errorMessage.length() + 48 * stackTrace.size());
    json.append("{\"errorMessage\":");
    JsonText.appendString(json, errorMessage);
    json.append(",\"errorType\":");
    JsonText.appendString(json, errorType);
    if (!stackTrace.isEmpty()) {
      json.append(",\"stackTrace\":[");
      for (int i = 0; i < stackTrace.size(); i++) {
        if (i > 0) {
          json.append(',');
        }
        JsonText.appendString(json, stackTrace.get(i));
      }
      json.append(']');
    }
    return json.append('}').toString();
  }
}

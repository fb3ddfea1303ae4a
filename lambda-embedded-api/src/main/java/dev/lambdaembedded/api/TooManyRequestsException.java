/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

/**
 * Refuses a synchronous invocation at once because the concurrency it needs is in use, as Lambda
 * answers HTTP 429. The {@link #reason()} says which limit: the function's reserved concurrency,
 * the runtime's unreserved pool, or (beyond Lambda) the runtime's bound on handlers still running
 * past their timeouts.
 *
 * <p>Throttles happen under load, so this exception carries no stack trace.
 */
public final class TooManyRequestsException extends LambdaException {

  private static final long serialVersionUID = 1L;

  private final ThrottleReason reason;
  private final int limit;

  /**
   * Creates the exception.
   *
   * @param qualifier the qualifier that was invoked
   * @param reason which limit was reached
   * @param limit the value of that limit
   */
  public TooManyRequestsException(String qualifier, ThrottleReason reason, int limit) {
    super(
        message(requireNonNull(qualifier, "qualifier"), requireNonNull(reason, "reason"), limit),
        qualifier,
        false);
    this.reason = reason;
    this.limit = limit;
  }

  private static String message(String qualifier, ThrottleReason reason, int limit) {
    return "Rate Exceeded. Reason: "
        + reason.lambdaName()
        + " ("
        + switch (reason) {
          case CONCURRENT_INVOCATION_LIMIT_EXCEEDED -> "unreserved concurrency " + limit;
          case RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED ->
              "reserved concurrency of " + qualifier + " " + limit;
          case STUCK_INVOCATION_LIMIT_EXCEEDED ->
              limit
                  + " timed-out handlers are still running, the runtime's stuck invocation limit;"
                  + " new invocations are taken again when they return";
        }
        + ")";
  }

  /**
   * Returns which limit was reached.
   *
   * @return the reason
   */
  public ThrottleReason reason() {
    return reason;
  }

  /**
   * Returns the value of the limit that was reached.
   *
   * @return the limit
   */
  public int limit() {
    return limit;
  }

  @Override
  public int statusCode() {
    return 429;
  }
}

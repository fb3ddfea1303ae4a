/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

/** Why an invocation was throttled, with the {@code Reason} values of Lambda's API. */
public enum ThrottleReason {
  /** The runtime's unreserved concurrency, shared by functions without a reservation, is in use. */
  CONCURRENT_INVOCATION_LIMIT_EXCEEDED("ConcurrentInvocationLimitExceeded"),

  /** The function's reserved concurrency is in use, or is 0. */
  RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED(
      "ReservedFunctionConcurrentInvocationLimitExceeded"),

  /**
   * Beyond Lambda: as many handlers as the runtime's stuck invocation limit are still running past
   * their timeouts (their concurrency places were freed at the timeout, as Lambda frees them with
   * the environment), so the runtime takes no new invocation until some return.
   */
  STUCK_INVOCATION_LIMIT_EXCEEDED("StuckInvocationLimitExceeded");

  private final String lambdaName;

  ThrottleReason(String lambdaName) {
    this.lambdaName = lambdaName;
  }

  /**
   * Returns the reason as Lambda's API spells it.
   *
   * @return the reason, for example {@code ConcurrentInvocationLimitExceeded}
   */
  public String lambdaName() {
    return lambdaName;
  }
}

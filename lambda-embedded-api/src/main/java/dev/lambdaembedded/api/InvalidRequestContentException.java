/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

/**
 * Refuses an invocation whose JSON payload cannot be parsed, as Lambda does before the function
 * runs: {@code Could not parse request body into json: ...}.
 */
public final class InvalidRequestContentException extends LambdaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param qualifier the qualifier that was invoked
   * @param detail what the parser reported
   */
  public InvalidRequestContentException(String qualifier, String detail) {
    super(
        "Could not parse request body into json: " + requireNonNull(detail, "detail"),
        requireNonNull(qualifier, "qualifier"),
        true);
  }

  @Override
  public int statusCode() {
    return 400;
  }
}

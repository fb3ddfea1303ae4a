/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

/**
 * Refuses a request naming a function, version or alias that does not exist ({@code Function not
 * found: <function ARN>}, Lambda's wording).
 */
public final class ResourceNotFoundException extends LambdaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was not found
   * @param resource the function name or qualifier that was not found
   */
  public ResourceNotFoundException(String message, String resource) {
    super(requireNonNull(message, "message"), requireNonNull(resource, "resource"), true);
  }

  @Override
  public int statusCode() {
    return 404;
  }
}

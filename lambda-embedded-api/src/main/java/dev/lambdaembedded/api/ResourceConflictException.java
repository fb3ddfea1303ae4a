/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

/**
 * Refuses a registry change that conflicts with the registry's state, such as creating a function
 * whose name is taken ({@code Function already exist: <name>}, Lambda's wording).
 */
public final class ResourceConflictException extends LambdaException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what conflicts
   * @param resource the function name concerned
   */
  public ResourceConflictException(String message, String resource) {
    super(requireNonNull(message, "message"), requireNonNull(resource, "resource"), true);
  }

  @Override
  public int statusCode() {
    return 409;
  }
}

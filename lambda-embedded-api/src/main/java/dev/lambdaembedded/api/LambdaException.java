/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's refusal of a request, named after the AWS Lambda API error it corresponds to.
 *
 * <p>A refusal means the request did not reach the function: nothing ran, nothing was billed. A
 * function that ran and failed is not a refusal but an {@link InvocationResult.Failure}. The family
 * is closed; read it with an exhaustive {@code switch}.
 */
public abstract sealed class LambdaException extends RuntimeException
    permits InvalidParameterValueException,
        InvalidRequestContentException,
        RequestTooLargeException,
        ResourceConflictException,
        ResourceNotFoundException,
        TooManyRequestsException {

  private static final long serialVersionUID = 1L;

  private final @Nullable String resource;

  LambdaException(String message, @Nullable String resource, boolean writableStackTrace) {
    super(message, null, true, writableStackTrace);
    this.resource = resource;
  }

  /**
   * Returns Lambda's error code for this refusal, the exception's simple name (for example {@code
   * TooManyRequestsException}).
   *
   * @return the error code
   */
  public final String errorCode() {
    return getClass().getSimpleName();
  }

  /**
   * Returns the HTTP status Lambda's API answers this refusal with (400, 404, 409, 413 or 429).
   *
   * @return the status code
   */
  public abstract int statusCode();

  /**
   * Returns the function name or qualifier the refusal concerns, if any.
   *
   * @return the resource
   */
  public final Optional<String> resource() {
    return Optional.ofNullable(resource);
  }
}

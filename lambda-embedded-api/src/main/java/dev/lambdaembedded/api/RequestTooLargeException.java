/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

/**
 * Refuses an invocation whose payload exceeds the runtime's limit: 6 MB (6,291,456 bytes) for a
 * synchronous invocation by default, as on Lambda. The message is Lambda's: {@code Request must be
 * smaller than 6291456 bytes for the InvokeFunction operation}.
 */
public final class RequestTooLargeException extends LambdaException {

  private static final long serialVersionUID = 1L;

  private final long size;
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param qualifier the qualifier that was invoked
   * @param size the payload's size in bytes
   * @param limit the largest accepted size in bytes
   */
  public RequestTooLargeException(String qualifier, long size, long limit) {
    super(
        "Request must be smaller than " + limit + " bytes for the InvokeFunction operation",
        requireNonNull(qualifier, "qualifier"),
        true);
    this.size = size;
    this.limit = limit;
  }

  /**
   * Returns the refused payload's size in bytes.
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  /**
   * Returns the largest accepted payload size in bytes.
   *
   * @return the limit
   */
  public long limit() {
    return limit;
  }

  @Override
  public int statusCode() {
    return 413;
  }
}

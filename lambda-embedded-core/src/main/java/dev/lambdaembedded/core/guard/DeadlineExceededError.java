/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.guard;

/**
 * Thrown into function code by a cooperative deadline check once its invocation has timed out, to
 * unwind a handler that ignores interrupts. An {@link Error}, so that {@code catch (Exception e)}
 * blocks let it pass; the invocation has already been reported as timed out when it is thrown.
 */
public final class DeadlineExceededError extends Error {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what timed out
   */
  public DeadlineExceededError(String message) {
    super(message, null, false, false);
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.guard;

/**
 * Thrown into function code that called {@code System.exit}, {@code Runtime.exit} or {@code
 * Runtime.halt}: the call ended the function's execution environment (as the process exiting does
 * on Lambda) and this unwinds the calling thread instead of stopping the host's JVM. An {@link
 * Error}, so that {@code catch (Exception e)} blocks let it pass; the invocation has already been
 * failed with {@code Runtime.ExitError} when it is thrown.
 */
public final class FunctionExitError extends Error {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the error.
   *
   * @param status the exit status the code asked for
   */
  public FunctionExitError(int status) {
    super("Runtime exited with error: exit status " + status, null, false, false);
    this.status = status;
  }

  /**
   * Returns the exit status the code asked for.
   *
   * @return the status
   */
  public int status() {
    return status;
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import dev.lambdaembedded.api.FunctionError;

/**
 * The init phase failed: the handler's class could not be initialised, its constructor or factory
 * threw, or its init hook threw. The invocation fails with the error; no environment is kept, so
 * the next invocation starts the init phase again, as Lambda restarts a runtime that exited.
 */
public final class InitFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient FunctionError error;

  /**
   * Creates the failure.
   *
   * @param error the error the invocation fails with
   * @param cause what was thrown
   */
  public InitFailure(FunctionError error, Throwable cause) {
    super(error.errorMessage(), cause);
    this.error = error;
  }

  /**
   * Returns the error the invocation fails with.
   *
   * @return the error
   */
  public FunctionError error() {
    return error;
  }
}

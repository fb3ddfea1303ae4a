/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import dev.lambdaembedded.api.FunctionError;
import org.jspecify.annotations.Nullable;

/**
 * The init phase failed: the handler's class could not be initialised, its constructor or factory
 * threw, or its init hook threw. The invocation fails with the error; no environment is kept, so
 * the next invocation starts the init phase again, as Lambda restarts a runtime that exited.
 */
public final class InitFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient FunctionError error;
  private final String reportable;

  /**
   * Creates the failure of something thrown.
   *
   * @param error the error the invocation fails with, made from {@code cause}
   * @param cause what was thrown
   */
  public InitFailure(FunctionError error, Throwable cause) {
    this(error, cause, StackTraces.reportable(error, cause));
  }

  /**
   * Creates a failure that nothing threw: the function log gets the message alone, as Lambda's
   * runtime logs a fault made from a message ({@code UserFault.makeUserFault(String)}).
   *
   * @param error the error the invocation fails with
   */
  public InitFailure(FunctionError error) {
    this(error, null, error.errorMessage());
  }

  private InitFailure(FunctionError error, @Nullable Throwable cause, String reportable) {
    super(error.errorMessage(), cause);
    this.error = error;
    this.reportable = reportable;
  }

  /**
   * Returns the error the invocation fails with.
   *
   * @return the error
   */
  public FunctionError error() {
    return error;
  }

  /**
   * Returns the text the function log gets for this failure, as Lambda's Java runtime writes it
   * ({@code UserFault.reportableError}): with the whole cause chain of what was thrown.
   *
   * @return the text
   */
  public String reportable() {
    return reportable;
  }
}

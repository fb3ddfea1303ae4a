/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.guard;

/**
 * Thrown into function code that needs a class its code policy forbids: the class is not defined,
 * as if it were missing, so code that probes for optional classes sees what it expects. The init
 * phase or invocation that needed it fails with {@code Runtime.CodePolicyViolation} all the same,
 * whatever the code does with this error; the message names the class, method, line and check, and
 * how to allow it.
 */
public final class CodePolicyViolationError extends NoClassDefFoundError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message the explanation
   */
  public CodePolicyViolationError(String message) {
    super(message);
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

/** Finds the function version a qualifier names; implemented by the registry. */
public interface FunctionResolver {

  /**
   * Resolves a qualifier.
   *
   * @param qualifier a qualifier in any accepted text form
   * @return the function version to run
   * @throws dev.lambdaembedded.api.ResourceNotFoundException if it names nothing
   * @throws dev.lambdaembedded.api.InvalidParameterValueException if it is malformed
   */
  FunctionState resolve(String qualifier);
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.handler;

/**
 * Why an execution environment is being shut down, with the values of AWS Lambda's Extensions API
 * {@code SHUTDOWN} event.
 */
public enum ShutdownReason {
  /**
   * The environment was idle, its function version was updated or deleted, or the runtime closed.
   */
  SPINDOWN,
  /** An invocation in the environment timed out, so the environment is discarded. */
  TIMEOUT,
  /** An invocation or the init phase failed in a way that discards the environment. */
  FAILURE
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.handler;

/** The levels of a function log line, as in AWS Lambda's Java logging library. */
public enum LogLevel {
  /** No level: the line is written as is and never filtered. */
  UNDEFINED,
  /** Finest-grained diagnostics. */
  TRACE,
  /** Diagnostics. */
  DEBUG,
  /** Normal operation. */
  INFO,
  /** Something unexpected that did not fail the operation. */
  WARN,
  /** A failed operation. */
  ERROR,
  /** A failure that ends the function. */
  FATAL
}

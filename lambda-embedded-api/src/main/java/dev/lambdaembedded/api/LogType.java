/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

/** Whether an invocation's result carries the tail of its log, like Lambda's {@code LogType}. */
public enum LogType {
  /** No log in the result. */
  NONE,
  /**
   * The last 4 KB of the invocation's log in the result: its {@code START}, function output, {@code
   * END} and {@code REPORT} lines.
   */
  TAIL
}

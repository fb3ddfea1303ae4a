/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import dev.lambdaembedded.api.handler.LogLevel;

/** Formats what function code writes through its logger, as Lambda's text log format does. */
public final class FunctionLogs {
  private FunctionLogs() {}

  /**
   * Returns a message as Lambda's text format writes it: as is without a level, else prefixed with
   * {@code [LEVEL] }.
   *
   * @param message the message
   * @param level its level
   * @return the line
   */
  public static String text(String message, LogLevel level) {
    return level == LogLevel.UNDEFINED ? message : "[" + level + "] " + message;
  }
}

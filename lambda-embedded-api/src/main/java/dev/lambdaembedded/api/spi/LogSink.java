/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.spi;

import dev.lambdaembedded.api.handler.LogLevel;

/**
 * Receives every function's log lines: the platform lines the runtime writes ({@code START}, {@code
 * END}, {@code REPORT}, timeouts) and what handler code writes through its {@link
 * dev.lambdaembedded.api.handler.FunctionLogger} or to {@code System.out} and {@code System.err}.
 *
 * <p>The default sink writes to SLF4J, one logger per function named {@code
 * dev.lambdaembedded.function.<function name>}. A host supplies its own sink to send lines
 * elsewhere, for example to collect them in a test.
 *
 * <p>The runtime asks {@link #isEnabled} before it formats a line, so a disabled sink costs one
 * call per invocation. Implementations must be thread-safe and fast: {@link #write} is called on
 * the invoking thread. A sink that throws never fails an invocation: the runtime logs the failure
 * (to SLF4J, logger {@code dev.lambdaembedded.runtime}) and drops the line.
 */
public interface LogSink {

  /**
   * Returns whether lines of this function at this level would be written.
   *
   * @param functionName the function
   * @param level the level of the line; platform lines are {@link LogLevel#INFO}, timeouts and
   *     stuck invocations {@link LogLevel#WARN}
   * @return {@code true} to receive the line
   */
  boolean isEnabled(String functionName, LogLevel level);

  /**
   * Writes one line.
   *
   * @param record the line and where it comes from
   * @throws Exception if the line cannot be written; the runtime logs and drops it
   */
  void write(LogRecord record) throws Exception;
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.benchmarks;

import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.api.spi.LogSink;

/**
 * A log sink that drops every line: the measurement programs count memory and time, and the
 * runtime's START, END and REPORT lines for tens of thousands of invocations would only add noise.
 */
final class DiscardingLogSink implements LogSink {
  @Override
  public boolean isEnabled(String functionName, LogLevel level) {
    return false;
  }

  @Override
  public void write(LogRecord record) {}
}

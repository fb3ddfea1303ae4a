/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.api.spi.LogSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log sink that keeps every line, for assertions. Thread-safe. */
public final class CapturingLogSink implements LogSink {
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  @Override
  public boolean isEnabled(String functionName, LogLevel level) {
    return true;
  }

  @Override
  public void write(LogRecord record) {
    records.add(record);
  }

  /** Every record so far. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** The text of every line of a function, in order. */
  public List<String> lines(String functionName) {
    return records.stream()
        .filter(r -> r.functionName().equals(functionName))
        .map(LogRecord::message)
        .toList();
  }

  /** The text of every line of one invocation, in order. */
  public List<String> linesOf(String requestId) {
    return records.stream()
        .filter(r -> r.requestId().filter(requestId::equals).isPresent())
        .map(LogRecord::message)
        .toList();
  }

  /** Forgets every line. */
  public void clear() {
    records.clear();
  }
}

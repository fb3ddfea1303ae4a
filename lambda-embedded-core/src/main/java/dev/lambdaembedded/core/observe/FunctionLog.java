/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.api.spi.LogSink;
import dev.lambdaembedded.api.spi.TimeSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One function version's log stream: writes platform and function lines to the runtime's sink, and
 * never lets a failing sink fail an invocation.
 */
public final class FunctionLog {
  private static final Logger RUNTIME_LOG = Loggers.get(Loggers.RUNTIME);

  private final String functionName;
  private final String version;
  private final LogSink sink;
  private final TimeSource timeSource;
  private final @Nullable Logger slf4j;

  /**
   * Creates the log of a function version.
   *
   * @param functionName the function
   * @param version the version
   * @param sink where lines go
   * @param timeSource where timestamps come from
   */
  public FunctionLog(String functionName, String version, LogSink sink, TimeSource timeSource) {
    this.functionName = requireNonNull(functionName);
    this.version = requireNonNull(version);
    this.sink = requireNonNull(sink);
    this.timeSource = requireNonNull(timeSource);
    this.slf4j = sink instanceof Slf4jLogSink slf4jSink ? slf4jSink.logger(functionName) : null;
  }

  /**
   * Returns whether the sink takes lines of this level; asked once per invocation for INFO.
   *
   * @param level the level
   * @return {@code true} if lines of the level are written
   */
  public boolean enabled(LogLevel level) {
    Logger logger = slf4j;
    if (logger != null) {
      return logger.isEnabledForLevel(Slf4jLogSink.slf4jLevel(level));
    }
    try {
      return sink.isEnabled(functionName, level);
    } catch (RuntimeException e) {
      RUNTIME_LOG.warn("Log sink {} failed for function {}", sink, functionName, e);
      return false;
    }
  }

  /**
   * Writes a line, guarded: a sink failure is logged by the runtime and the line dropped.
   *
   * @param source who wrote it
   * @param level its level
   * @param requestId the invocation's request id, or null outside one
   * @param message the text
   */
  public void write(
      LogRecord.Source source, LogLevel level, @Nullable String requestId, String message) {
    LogRecord record =
        new LogRecord(
            timeSource.instant(),
            functionName,
            version,
            Optional.ofNullable(requestId),
            source,
            level,
            message);
    try {
      if (InvocationScope.CURRENT.isBound()) {
        ScopedValue.where(InvocationScope.CURRENT, InvocationScope.PASS_THROUGH)
            .call(() -> writeRecord(record));
      } else {
        writeRecord(record);
      }
    } catch (Throwable e) {
      RUNTIME_LOG.warn("Log sink {} failed for function {}; line dropped", sink, functionName, e);
    }
  }

  private @Nullable Void writeRecord(LogRecord record) throws Exception {
    sink.write(record);
    return null;
  }

  /**
   * Returns the function's name.
   *
   * @return the name
   */
  public String functionName() {
    return functionName;
  }

  /**
   * Returns the version.
   *
   * @return the version
   */
  public String version() {
    return version;
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.spi;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.handler.LogLevel;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of a function's log, as handed to a {@link LogSink}.
 *
 * @param timestamp when the line was written, from the runtime's {@link TimeSource}
 * @param functionName the function
 * @param functionVersion the version whose environment wrote it ({@code $LATEST} or a number)
 * @param requestId the invocation's request id, empty for lines outside an invocation (the init
 *     phase, shutdown)
 * @param source whether the runtime or the function's code wrote the line
 * @param level the line's level
 * @param message the text, without a trailing line separator; a platform line is exactly Lambda's
 *     text, for example {@code START RequestId: <id> Version: $LATEST}
 */
public record LogRecord(
    Instant timestamp,
    String functionName,
    String functionVersion,
    Optional<String> requestId,
    Source source,
    LogLevel level,
    String message) {

  /** Who wrote a log line. */
  public enum Source {
    /** The runtime: {@code START}, {@code END}, {@code REPORT} and other platform lines. */
    PLATFORM,
    /** The function's code: its logger, {@code System.out} or {@code System.err}. */
    FUNCTION
  }

  /** Checks that no component is null. */
  public LogRecord {
    requireNonNull(timestamp, "timestamp");
    requireNonNull(functionName, "functionName");
    requireNonNull(functionVersion, "functionVersion");
    requireNonNull(requestId, "requestId");
    requireNonNull(source, "source");
    requireNonNull(level, "level");
    requireNonNull(message, "message");
  }
}

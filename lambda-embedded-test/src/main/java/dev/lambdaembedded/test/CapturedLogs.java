/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.InvocationResult;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.api.spi.LogSink;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The log lines of a runtime, kept for a test: the platform's {@code START}, {@code END} and {@code
 * REPORT} lines and each handler's output, by function and by invocation. A {@link LogSink} that
 * captures every level. Thread-safe.
 */
public final class CapturedLogs implements LogSink {
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  /** Creates an empty capture; pass it to {@code LambdaRuntime.Builder.logSink}. */
  public CapturedLogs() {}

  @Override
  public boolean isEnabled(String functionName, LogLevel level) {
    return true;
  }

  @Override
  public void write(LogRecord record) {
    records.add(requireNonNull(record, "record"));
  }

  /**
   * Returns every line captured so far, oldest first.
   *
   * @return the records
   */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /**
   * Returns the lines of one function, oldest first, as text.
   *
   * @param functionName the function
   * @return the lines
   */
  public List<String> lines(String functionName) {
    requireNonNull(functionName, "functionName");
    return records.stream()
        .filter(record -> record.functionName().equals(functionName))
        .map(LogRecord::message)
        .toList();
  }

  /**
   * Returns the lines of one invocation.
   *
   * @param result the invocation's result
   * @return its lines
   */
  public InvocationLog of(InvocationResult result) {
    return of(requireNonNull(result, "result").requestId());
  }

  /**
   * Returns the lines of one invocation, or of every attempt of one asynchronous event (they share
   * the request id).
   *
   * @param requestId the request id
   * @return its lines
   */
  public InvocationLog of(UUID requestId) {
    String id = requireNonNull(requestId, "requestId").toString();
    return new InvocationLog(
        records.stream().filter(record -> record.requestId().equals(Optional.of(id))).toList());
  }

  /** Forgets every line captured so far. */
  public void clear() {
    records.clear();
  }

  /**
   * The lines of one invocation.
   *
   * @param records its records, oldest first
   */
  public record InvocationLog(List<LogRecord> records) {

    /** Keeps an unmodifiable copy. */
    public InvocationLog {
      records = List.copyOf(records);
    }

    /**
     * Returns the platform's {@code START} line.
     *
     * @return the line, or empty if it was not written
     */
    public Optional<String> start() {
      return platformLine("START ");
    }

    /**
     * Returns the platform's {@code END} line.
     *
     * @return the line, or empty if it was not written
     */
    public Optional<String> end() {
      return platformLine("END ");
    }

    /**
     * Returns the platform's {@code REPORT} line.
     *
     * @return the line, or empty if it was not written
     */
    public Optional<String> report() {
      return platformLine("REPORT ");
    }

    /**
     * Returns what the handler logged or printed, one entry per line.
     *
     * @return the lines
     */
    public List<String> output() {
      return records.stream()
          .filter(record -> record.source() == LogRecord.Source.FUNCTION)
          .map(LogRecord::message)
          .toList();
    }

    /**
     * Returns every line, platform and handler, as text.
     *
     * @return the lines
     */
    public List<String> lines() {
      return records.stream().map(LogRecord::message).toList();
    }

    private Optional<String> platformLine(String prefix) {
      return records.stream()
          .filter(record -> record.source() == LogRecord.Source.PLATFORM)
          .map(LogRecord::message)
          .filter(message -> message.startsWith(prefix))
          .findFirst();
    }
  }
}

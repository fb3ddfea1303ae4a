/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.handler.FunctionLogger;
import dev.lambdaembedded.api.handler.LogLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A {@link FunctionLogger} that records every line in memory, with its level, for assertions on
 * what a handler logged.
 *
 * <p>Thread-safe: handlers may log from several threads while a test reads. Like every function
 * logger, it never throws: a {@code null} message is recorded as {@code "null"} and a {@code null}
 * level as {@link LogLevel#UNDEFINED}. Lines are kept until {@link #clear()}; do not share one
 * logger across a test that logs without bound.
 */
public final class CapturingLogger implements FunctionLogger {
  private final List<Line> lines = new ArrayList<>();

  /** Creates a logger that has recorded nothing. */
  public CapturingLogger() {}

  /**
   * One recorded log line: a message and its level.
   *
   * @param level the level; {@link LogLevel#UNDEFINED} for the overloads without one
   * @param message the message as written, UTF-8 bytes decoded
   */
  public record Line(LogLevel level, String message) {

    /** Checks that no component is null. */
    public Line {
      requireNonNull(level, "level");
      requireNonNull(message, "message");
    }

    /**
     * Returns the line in Lambda's text format: the message, prefixed with {@code [LEVEL] } unless
     * the level is {@link LogLevel#UNDEFINED}.
     *
     * @return the formatted line
     */
    public String text() {
      return level == LogLevel.UNDEFINED ? message : "[" + level.name() + "] " + message;
    }
  }

  @Override
  public void log(String message) {
    record(LogLevel.UNDEFINED, Objects.toString(message));
  }

  @Override
  public void log(byte[] message) {
    record(LogLevel.UNDEFINED, message == null ? "null" : new String(message, UTF_8));
  }

  @Override
  public void log(String message, LogLevel level) {
    record(level == null ? LogLevel.UNDEFINED : level, Objects.toString(message));
  }

  /**
   * Returns the lines recorded so far, oldest first.
   *
   * @return an immutable snapshot
   */
  public List<Line> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /**
   * Returns the lines recorded so far in Lambda's text format ({@link Line#text()}), oldest first,
   * separated by {@code \n}.
   *
   * @return the text; empty when nothing was logged
   */
  public String text() {
    return lines().stream().map(Line::text).collect(Collectors.joining("\n"));
  }

  /** Forgets every line recorded so far. */
  public void clear() {
    synchronized (lines) {
      lines.clear();
    }
  }

  private void record(LogLevel level, String message) {
    Line line = new Line(level, message);
    synchronized (lines) {
      lines.add(line);
    }
  }

  @Override
  public String toString() {
    return "CapturingLogger[" + lines().size() + " lines]";
  }
}

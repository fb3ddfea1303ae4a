/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.api.spi.LogSink;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The default log sink: one SLF4J logger per function, named {@code
 * dev.lambdaembedded.function.<function name>}. Platform lines and unlevelled function output log
 * at INFO; {@code FATAL} logs at ERROR. Without an SLF4J provider the loggers write to the JDK's
 * {@code System.Logger} of the same name instead ({@link Loggers}).
 */
public final class Slf4jLogSink implements LogSink {

  /** The prefix of every function's logger name. */
  public static final String LOGGER_PREFIX = "dev.lambdaembedded.function.";

  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

  /** Creates the sink. */
  public Slf4jLogSink() {}

  /**
   * Returns the logger of a function.
   *
   * @param functionName the function
   * @return its logger
   */
  public Logger logger(String functionName) {
    return loggers.computeIfAbsent(functionName, name -> Loggers.get(LOGGER_PREFIX + name));
  }

  @Override
  public boolean isEnabled(String functionName, LogLevel level) {
    return logger(functionName).isEnabledForLevel(slf4jLevel(level));
  }

  @Override
  public void write(LogRecord record) {
    logger(record.functionName()).atLevel(slf4jLevel(record.level())).log(record.message());
  }

  static Level slf4jLevel(LogLevel level) {
    return switch (level) {
      case UNDEFINED, INFO -> Level.INFO;
      case TRACE -> Level.TRACE;
      case DEBUG -> Level.DEBUG;
      case WARN -> Level.WARN;
      case ERROR, FATAL -> Level.ERROR;
    };
  }

  @Override
  public String toString() {
    return "Slf4jLogSink";
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.handler;

/**
 * Writes lines to a function's log, like AWS Lambda's {@code LambdaLogger}.
 *
 * <p>Each call is one log event, even when the message spans several lines. Lines go to the
 * runtime's log sink (SLF4J by default) under the function's name and, while an invocation runs,
 * into that invocation's log tail. Calls are thread-safe and never throw.
 */
public interface FunctionLogger {

  /**
   * Writes a message as is, at level {@link LogLevel#UNDEFINED}.
   *
   * @param message the message
   */
  void log(String message);

  /**
   * Writes a message given as UTF-8 bytes, at level {@link LogLevel#UNDEFINED}.
   *
   * @param message the message bytes, decoded as UTF-8
   */
  void log(byte[] message);

  /**
   * Writes a message at a level; in Lambda's text format a level other than {@link
   * LogLevel#UNDEFINED} prefixes the line with {@code [LEVEL] }.
   *
   * @param message the message
   * @param level the level
   */
  void log(String message, LogLevel level);
}

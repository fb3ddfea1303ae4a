/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import dev.lambdaembedded.api.FunctionError;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a handler threw into Lambda's error shape, cutting the runtime's own frames (and the
 * caller's below them) as Lambda's Java runtime cuts its own.
 */
public final class StackTraces {
  private static final String BOUNDARY = HandlerCall.class.getName();

  private StackTraces() {}

  /**
   * Returns the function error for a throwable.
   *
   * @param thrown what the handler threw
   * @return {@code errorType} its class, {@code errorMessage} its message (or class name), {@code
   *     stackTrace} its frames down to the handler's entry
   */
  public static FunctionError toFunctionError(Throwable thrown) {
    String type = thrown.getClass().getName();
    String message = thrown.getLocalizedMessage();
    return new FunctionError(type, message != null ? message : type, frames(thrown));
  }

  /**
   * Returns a throwable's frames above the runtime, formatted as {@code class.method(File.java:12)}
   * without module or class-loader prefixes, as Lambda prints them.
   *
   * @param thrown the throwable
   * @return the frames, innermost first
   */
  public static List<String> frames(Throwable thrown) {
    StackTraceElement[] trace = thrown.getStackTrace();
    List<String> frames = new ArrayList<>(trace.length);
    for (StackTraceElement frame : trace) {
      if (frame.getClassName().startsWith(BOUNDARY)) {
        break;
      }
      frames.add(format(frame));
    }
    return frames;
  }

  /**
   * Returns the text Lambda's Java runtime writes to the function log for an error: the message,
   * the type and the stack trace.
   *
   * @param error the error
   * @return the log text
   */
  public static String reportable(FunctionError error) {
    StringBuilder text =
        new StringBuilder(error.errorMessage()).append(": ").append(error.errorType());
    for (String frame : error.stackTrace()) {
      text.append("\n\tat ").append(frame);
    }
    return text.toString();
  }

  private static String format(StackTraceElement frame) {
    StringBuilder text =
        new StringBuilder(frame.getClassName())
            .append('.')
            .append(frame.getMethodName())
            .append('(');
    if (frame.isNativeMethod()) {
      text.append("Native Method");
    } else if (frame.getFileName() == null) {
      text.append("Unknown Source");
    } else {
      text.append(frame.getFileName());
      if (frame.getLineNumber() >= 0) {
        text.append(':').append(frame.getLineNumber());
      }
    }
    return text.append(')').toString();
  }
}

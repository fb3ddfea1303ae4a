/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import dev.lambdaembedded.api.FunctionError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a handler threw into Lambda's error shape and into the text Lambda's Java runtime logs
 * for it, cutting the runtime's own frames (and the caller's below them) at every level of the
 * cause chain, as Lambda's runtime cuts its own.
 *
 * <p>What is reproduced, from the runtime interface client ({@code aws-lambda-java-libs}, {@code
 * aws-lambda-java-runtime-interface-client}): {@code UserFault.filterStackTrace} cuts each
 * throwable's frames at the first one of the runtime's package, recursively through causes and
 * suppressed exceptions, visiting each throwable once; {@code UserFault.trace} is then Java's
 * {@code printStackTrace} text of the filtered throwable ({@code Caused by:}, {@code Suppressed:},
 * {@code ... n more}, {@code [CIRCULAR REFERENCE: ...]}); {@code UserFault.reportableError} is the
 * function-log text {@code "<message>: <type>\n<trace>\n"}; {@code LambdaErrorConverter} puts only
 * the top throwable in the error body. The runtime's boundary here is {@link HandlerCall}.
 *
 * <p>Frames are printed as in the error body, without module or class-loader prefixes. The
 * throwable is read, never changed (the client sets the filtered frames on it; a host's inline
 * handler may still hold its exception). Its overridable methods ({@code getCause}, {@code
 * toString}, ...) are user code: one that throws is read as absent.
 */
public final class StackTraces {
  private static final String BOUNDARY = HandlerCall.class.getName();

  private StackTraces() {}

  /**
   * Returns the function error for a throwable, with its cause chain.
   *
   * @param thrown what the handler threw
   * @return {@code errorType} its class, {@code errorMessage} its message (or class name), {@code
   *     stackTrace} its frames down to the handler's entry, {@code cause} the same for its cause
   */
  public static FunctionError toFunctionError(Throwable thrown) {
    return toFunctionError(thrown, messageOf(thrown));
  }

  /**
   * Returns the function error for a throwable under another message, with its cause chain: an init
   * fault such as {@code Error loading class X}.
   *
   * @param thrown what was thrown
   * @param message the error's message
   * @return the error
   */
  public static FunctionError toFunctionError(Throwable thrown, String message) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = identitySet();
    for (Throwable t = thrown; t != null && seen.add(t); t = causeOf(t)) {
      chain.add(t);
    }
    FunctionError cause = null;
    for (int i = chain.size() - 1; i > 0; i--) {
      Throwable t = chain.get(i);
      cause = new FunctionError(typeOf(t), messageOf(t), frames(t), Optional.ofNullable(cause));
    }
    return new FunctionError(typeOf(thrown), message, frames(thrown), Optional.ofNullable(cause));
  }

  /**
   * Returns a throwable's frames above the runtime, formatted as {@code class.method(File.java:12)}
   * without module or class-loader prefixes, as Lambda prints them.
   *
   * @param thrown the throwable
   * @return the frames, innermost first
   */
  public static List<String> frames(Throwable thrown) {
    StackTraceElement[] trace = filtered(thrown);
    List<String> frames = new ArrayList<>(trace.length);
    for (StackTraceElement frame : trace) {
      frames.add(format(frame));
    }
    return frames;
  }

  /**
   * Returns the text Lambda's Java runtime writes to the function log for an error made from a
   * throwable ({@code UserFault.reportableError}): {@code "<errorMessage>: <errorType>\n"}, then
   * the throwable's filtered {@code printStackTrace} text with its whole cause chain and suppressed
   * exceptions. The runtime's text ends with one more line break, which is the log record's own.
   *
   * @param error the error made from the throwable
   * @param thrown the throwable
   * @return the log text
   */
  public static String reportable(FunctionError error, Throwable thrown) {
    StringBuilder text =
        new StringBuilder(256)
            .append(error.errorMessage())
            .append(": ")
            .append(error.errorType())
            .append('\n');
    appendTrace(text, thrown);
    return text.toString();
  }

  /**
   * Returns a throwable's stack trace as Java's {@code printStackTrace} prints it, with every
   * level's frames cut at the runtime's boundary ({@code UserFault.trace}).
   *
   * @param thrown the throwable
   * @return the text, each line ending with a line break
   */
  public static String trace(Throwable thrown) {
    StringBuilder text = new StringBuilder(256);
    appendTrace(text, thrown);
    return text.toString();
  }

  /** One throwable still to print below the one that encloses it. */
  private static final class Enclosed {
    final Throwable thrown;
    final StackTraceElement[] enclosingTrace;
    final String caption;
    final String prefix;

    Enclosed(Throwable thrown, StackTraceElement[] enclosingTrace, String caption, String prefix) {
      this.thrown = thrown;
      this.enclosingTrace = enclosingTrace;
      this.caption = caption;
      this.prefix = prefix;
    }
  }

  /**
   * Java's {@code Throwable.printStackTrace} over the filtered frames, with an explicit stack in
   * place of its recursion (same order: suppressed exceptions, then the cause), so that a long
   * chain cannot overflow the stack.
   */
  private static void appendTrace(StringBuilder text, Throwable thrown) {
    Set<Throwable> printed = identitySet();
    printed.add(thrown);
    text.append(describe(thrown)).append('\n');
    StackTraceElement[] trace = filtered(thrown);
    for (StackTraceElement frame : trace) {
      text.append("\tat ").append(format(frame)).append('\n');
    }
    Deque<Enclosed> next = new ArrayDeque<>();
    pushEnclosed(next, thrown, trace, "");
    while (!next.isEmpty()) {
      Enclosed item = next.pop();
      Throwable t = item.thrown;
      String prefix = item.prefix;
      if (!printed.add(t)) {
        text.append(prefix)
            .append(item.caption)
            .append("[CIRCULAR REFERENCE: ")
            .append(describe(t))
            .append("]\n");
        continue;
      }
      StackTraceElement[] own = filtered(t);
      StackTraceElement[] enclosing = item.enclosingTrace;
      int m = own.length - 1;
      int n = enclosing.length - 1;
      while (m >= 0 && n >= 0 && own[m].equals(enclosing[n])) {
        m--;
        n--;
      }
      int inCommon = own.length - 1 - m;
      text.append(prefix).append(item.caption).append(describe(t)).append('\n');
      for (int i = 0; i <= m; i++) {
        text.append(prefix).append("\tat ").append(format(own[i])).append('\n');
      }
      if (inCommon != 0) {
        text.append(prefix).append("\t... ").append(inCommon).append(" more\n");
      }
      pushEnclosed(next, t, own, prefix);
    }
  }

  /** Pushes a throwable's cause, then its suppressed exceptions last to first: popped in order. */
  private static void pushEnclosed(
      Deque<Enclosed> next, Throwable t, StackTraceElement[] trace, String prefix) {
    Throwable cause = causeOf(t);
    if (cause != null) {
      next.push(new Enclosed(cause, trace, "Caused by: ", prefix));
    }
    Throwable[] suppressed = t.getSuppressed();
    for (int i = suppressed.length - 1; i >= 0; i--) {
      next.push(new Enclosed(suppressed[i], trace, "Suppressed: ", prefix + "\t"));
    }
  }

  /** The frames above the first frame of the runtime's boundary ({@code filterStackTrace}). */
  private static StackTraceElement[] filtered(Throwable thrown) {
    StackTraceElement[] trace;
    try {
      trace = thrown.getStackTrace();
    } catch (Throwable e) { // user code: read as absent
      return new StackTraceElement[0];
    }
    for (int i = 0; i < trace.length; i++) {
      if (trace[i].getClassName().startsWith(BOUNDARY)) {
        StackTraceElement[] cut = new StackTraceElement[i];
        System.arraycopy(trace, 0, cut, 0, i);
        return cut;
      }
    }
    return trace;
  }

  private static @Nullable Throwable causeOf(Throwable thrown) {
    try {
      return thrown.getCause();
    } catch (Throwable e) { // user code: read as absent
      return null;
    }
  }

  private static String typeOf(Throwable thrown) {
    return thrown.getClass().getName();
  }

  /** The message Lambda reports: the localized message, or the class name without one. */
  private static String messageOf(Throwable thrown) {
    String message;
    try {
      message = thrown.getLocalizedMessage();
    } catch (Throwable e) { // user code: read as absent
      message = null;
    }
    return message != null ? message : typeOf(thrown);
  }

  /** {@code toString()}, as {@code printStackTrace} prints a throwable; the type if it throws. */
  private static String describe(Throwable thrown) {
    try {
      return String.valueOf(thrown);
    } catch (Throwable e) { // user code: read as absent
      return typeOf(thrown);
    }
  }

  private static Set<Throwable> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
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

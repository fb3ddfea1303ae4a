/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Something {@link FunctionRuntime#close()} could not stop: an invocation whose handler had not
 * returned, or a thread the runtime started that was still alive when {@code close()} returned.
 *
 * <p>Java cannot kill a thread. {@code close()} interrupts what still runs and raises the deadline
 * alarm of deployed code, which unwinds it at its next check; what is left after that is listed
 * here (see {@link RuntimeInspector#stillRunning()}), in the runtime's log, and the runtime ends
 * {@link FunctionRuntime.State#FAILED}.
 *
 * @param kind an invocation, or a thread
 * @param threadName the name of the thread that is still running ({@code lambda-...} for the
 *     runtime's own threads; a caller's thread for an invocation in {@code CALLER_THREAD} mode)
 * @param functionName the function whose code runs there, when known
 * @param version the function version, when known
 * @param requestId the invocation's request id, for an invocation
 * @param stackTrace the thread's innermost frames when {@code close()} returned
 */
public record StillRunning(
    Kind kind,
    String threadName,
    Optional<String> functionName,
    Optional<String> version,
    Optional<UUID> requestId,
    List<String> stackTrace) {

  /** What is still running. */
  public enum Kind {
    /** An invocation (or init phase, or shutdown hook) whose handler code has not returned. */
    INVOCATION,
    /** A thread the runtime started, with no invocation of its own any more. */
    THREAD
  }

  /** Checks that no component is null and copies the stack trace. */
  public StillRunning {
    requireNonNull(kind, "kind");
    requireNonNull(threadName, "threadName");
    requireNonNull(functionName, "functionName");
    requireNonNull(version, "version");
    requireNonNull(requestId, "requestId");
    stackTrace = List.copyOf(stackTrace);
  }

  /**
   * Returns one line naming what is still running, for a log.
   *
   * @return for example {@code invocation 5f0c... of orders:$LATEST on thread main}
   */
  public String describe() {
    StringBuilder text =
        new StringBuilder(kind == Kind.INVOCATION ? "invocation" : "thread " + threadName);
    requestId.ifPresent(id -> text.append(' ').append(id));
    functionName.ifPresent(
        name -> {
          text.append(kind == Kind.INVOCATION ? " of " : " running ").append(name);
          version.ifPresent(v -> text.append(':').append(v));
        });
    if (kind == Kind.INVOCATION) {
      text.append(" on thread ").append(threadName);
    }
    if (!stackTrace.isEmpty()) {
      text.append(" at ").append(stackTrace.get(0));
    }
    return text.toString();
  }
}

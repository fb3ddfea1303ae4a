/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.observe;

import org.jspecify.annotations.Nullable;

/**
 * What a thread running handler code is inside of: the invocation its standard-stream output
 * belongs to. Bound as a {@link ScopedValue} while a handler runs, never a thread-local.
 */
public interface InvocationScope {

  /** The scope of the running invocation, bound on the handler's thread. */
  ScopedValue<InvocationScope> CURRENT = ScopedValue.newInstance();

  /**
   * The scope bound while a log sink writes: output goes to the original streams, so a sink that
   * prints to {@code System.out} cannot feed its own lines back into the function's log.
   */
  InvocationScope PASS_THROUGH = OutputCapture::writeToOriginal;

  /**
   * Receives bytes the handler wrote to {@code System.out} or {@code System.err}.
   *
   * @param error whether they went to {@code System.err}
   * @param bytes the buffer
   * @param offset where the bytes start
   * @param length how many bytes
   */
  void standardOutput(boolean error, byte[] bytes, int offset, int length);

  /**
   * Called by cooperative deadline checks in function code: throws if the invocation has timed out,
   * and may yield the thread so that a busy handler does not starve other virtual threads.
   */
  default void checkDeadline() {}

  /**
   * Throws if the invocation has timed out, like {@link #checkDeadline()}, but never yields: called
   * right before the thread parks, which frees its carrier anyway, and a yield there could use up
   * the park permit the park is waiting for.
   */
  default void checkExpired() {
    checkDeadline();
  }

  /**
   * Names a socket (or other resource) the handler's thread is about to block on in a way an
   * interrupt does not end, so the runtime can close it when the deadline passes; {@code null} once
   * the call returned. Called by the deadline-aware replacements of blocking calls.
   *
   * @param resource the resource, or {@code null}
   */
  default void blockedOn(java.io.@Nullable Closeable resource) {}

  /**
   * Fails the running init phase or invocation because its code needed a class its code policy
   * forbids; the first such error wins, whatever the code then does.
   *
   * @param error the error in Lambda's shape
   * @param thrown what the code was given instead of the class
   */
  default void policyViolation(dev.lambdaembedded.api.FunctionError error, Throwable thrown) {}
}

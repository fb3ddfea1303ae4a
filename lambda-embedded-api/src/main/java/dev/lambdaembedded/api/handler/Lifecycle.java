/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.handler;

/**
 * Optional hooks a handler class implements to take part in its execution environment's life: the
 * init phase before the first invocation and the shutdown when the environment is retired.
 *
 * <p>{@link #init} runs once per environment, after the handler is constructed and before its first
 * invocation, inside the init phase: it is timed ({@code Init Duration} in the first REPORT line)
 * and bounded by the runtime's init timeout (10 seconds, as on Lambda). If it throws, the
 * invocation fails and the next invocation starts a new environment. {@link #shutdown} runs at most
 * once, when the environment is retired, on a runtime thread and bounded by the runtime's shutdown
 * timeout; it waits until the last invocation running in the environment has returned, so it never
 * runs alongside a handler of the same environment.
 */
public interface Lifecycle {

  /**
   * Prepares the handler before its first invocation: open connections, warm caches.
   *
   * @param context the environment's function name, version, memory, variables and logger
   * @throws Exception to fail the init phase
   */
  default void init(InitContext context) throws Exception {}

  /**
   * Releases what the handler holds before its environment is dropped.
   *
   * @param reason why the environment is retired
   * @throws Exception logged and otherwise ignored
   */
  default void shutdown(ShutdownReason reason) throws Exception {}
}

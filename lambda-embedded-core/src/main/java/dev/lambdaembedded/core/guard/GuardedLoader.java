/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.guard;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A class loader of function code that {@link Guard}'s hooks report to: it supplies the function's
 * environment variables and records what the code registers outside itself, so the runtime can
 * clean it up or report it when the loader is released.
 */
public interface GuardedLoader {

  /**
   * Returns the environment variables the function's code sees through {@code System.getenv}.
   *
   * @return an immutable map
   */
  Map<String, String> environmentVariables();

  /**
   * Records a shutdown hook the code registered.
   *
   * @param hook the hook thread
   */
  void shutdownHookAdded(Thread hook);

  /**
   * Records that the code removed a shutdown hook.
   *
   * @param hook the hook thread
   */
  void shutdownHookRemoved(Thread hook);

  /**
   * Records that the code set a thread local on the current thread.
   *
   * @param local the thread local
   * @param value the value set
   */
  void threadLocalSet(ThreadLocal<?> local, @Nullable Object value);

  /**
   * Records that the code removed a thread local's value on the current thread.
   *
   * @param local the thread local
   */
  void threadLocalRemoved(ThreadLocal<?> local);

  /**
   * Ends the execution environment whose code this loader runs: its code called {@code
   * System.exit}, {@code Runtime.exit} or {@code Runtime.halt}. Returns at once; the caller then
   * unwinds its thread.
   *
   * @param status the exit status the code asked for
   */
  void exitRequested(int status);

  /**
   * Returns the alarm that instrumented code of this loader reads.
   *
   * @return the alarm
   */
  Alarm alarm();
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The source of class loaders for the execution environments of one deployed function version: each
 * environment gets a loader of its own, released when the environment is retired.
 */
public interface CodeLoader {

  /**
   * Opens a class loader for a new execution environment.
   *
   * @param environment the environment's log stream name
   * @param variables the environment variables its code sees through {@code System.getenv}
   * @param onExit called with the status when the code calls {@code System.exit}, {@code
   *     Runtime.exit} or {@code Runtime.halt}, on the calling thread
   * @return the loader, which implements {@link dev.lambdaembedded.core.guard.GuardedLoader}
   */
  ClassLoader open(String environment, Map<String, String> variables, IntConsumer onExit);

  /**
   * Releases an environment's class loader once nothing runs in it any more: cleans what can be
   * cleaned, closes the loader and starts verifying that it is collected.
   *
   * @param loader a loader returned by {@link #open}
   */
  void release(ClassLoader loader);
}

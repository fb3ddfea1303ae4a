/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The only place the runtime creates threads. Every thread is named {@code lambda-...} so a thread
 * dump, and the leak checks in tests, can tell the runtime's threads from the host's.
 */
public final class Threads {
  /** The prefix of every runtime thread's name. */
  public static final String PREFIX = "lambda-";

  private Threads() {}

  /**
   * Starts a daemon platform thread; used for the watchdog, which must keep running when busy
   * handlers hold every virtual-thread carrier.
   *
   * @param name the thread's name, after the prefix
   * @param task what it runs
   * @return the started thread
   */
  public static Thread startPlatformDaemon(String name, Runnable task) {
    return Thread.ofPlatform().name(PREFIX + name).daemon(true).start(task);
  }

  /**
   * Returns a factory of virtual threads named {@code lambda-<name>-<n>}.
   *
   * @param name the middle part of the names, a function's name for handler threads
   * @return the factory
   */
  public static ThreadFactory virtualThreads(String name) {
    return Thread.ofVirtual().name(PREFIX + name + "-", 0).factory();
  }

  /**
   * Returns an executor starting a named virtual thread per task; its owner shuts it down.
   *
   * @param name the middle part of the names
   * @return the executor
   */
  public static ExecutorService newVirtualThreadPerTaskExecutor(String name) {
    return Executors.newThreadPerTaskExecutor(virtualThreads(name));
  }
}

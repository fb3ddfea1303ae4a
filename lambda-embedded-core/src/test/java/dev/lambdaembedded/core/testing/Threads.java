/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.testing;

import java.util.List;

/** Finds threads the runtime started. */
public final class Threads {
  private Threads() {}

  /** The live platform threads named like runtime threads ({@code lambda-...}). */
  public static List<String> platformRuntimeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(dev.lambdaembedded.core.execution.Threads.PREFIX))
        .toList();
  }
}

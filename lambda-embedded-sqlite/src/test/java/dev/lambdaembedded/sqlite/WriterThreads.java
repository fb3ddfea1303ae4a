/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.sqlite;

import java.util.List;

/** The group-commit writer threads alive in this JVM, for the tests' leak checks. */
final class WriterThreads {
  private WriterThreads() {}

  static List<String> alive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("lambda-sqlite-writer-"))
        .toList();
  }
}

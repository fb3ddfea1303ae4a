/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.samples.shout;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * State kept in static fields. Each execution environment loads this class in a class loader of its
 * own, so each environment counts from one, even for two functions deployed from this jar.
 */
final class EnvironmentState {
  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  private EnvironmentState() {}

  /** Counts an invocation of this environment and returns the count so far. */
  static int nextInvocation() {
    return INVOCATIONS.incrementAndGet();
  }

  /** The name of the class loader that defined a class, as the runtime names its loaders. */
  static String loaderName(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return "bootstrap";
    }
    String name = loader.getName();
    return name != null ? name : loader.getClass().getName();
  }
}

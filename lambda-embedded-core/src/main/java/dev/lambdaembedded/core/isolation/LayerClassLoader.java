/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.core.guard.Alarm;
import java.util.List;

/**
 * The class loader of one layer version, shared by every function that lists it: it sees the
 * layer's own classes and what {@link SharedClasses} shares, nothing of the functions using it.
 * Layer code registers nothing of its own with the tracker: its rewritten calls report to the
 * calling function's loader (through the thread context class loader).
 */
final class LayerClassLoader extends DeployedClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Alarm alarm;

  LayerClassLoader(String name, CodeBundle code, SharedClasses shared, ClassPolicy policy) {
    super(name, code, shared, policy);
    this.alarm = Alarm.of(flagClass(), List.of());
  }

  /** The alarm the layer's instrumented code reads, raised with its users' alarms. */
  Alarm alarm() {
    return alarm;
  }

  @Override
  List<LayerClassLoader> layers() {
    return List.of();
  }

  @Override
  String searched() {
    return "layer " + getName() + ", the Java platform or a shared package";
  }
}

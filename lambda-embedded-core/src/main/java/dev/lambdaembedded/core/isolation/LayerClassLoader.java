/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

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

  LayerClassLoader(String name, CodeBundle code, SharedClasses shared, ClassPolicy policy) {
    super(name, code, shared, policy);
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

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.api.LayerVersionInfo;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One published layer version: its unpacked code and the class loader every function using it
 * shares. Counted: the layer registry holds it until the version is deleted, each deployed function
 * version until it is retired; the last release closes the code and unloads the loader.
 */
final class LayerVersion {
  private final LayerVersionInfo info;
  private final CodeBundle code;
  private final LayerClassLoader loader;
  private final AtomicInteger functionUsers = new AtomicInteger();
  private final AtomicInteger users = new AtomicInteger(1);
  private final Unloads unloads;

  LayerVersion(LayerVersionInfo info, CodeBundle code, LayerClassLoader loader, Unloads unloads) {
    this.info = info;
    this.code = code;
    this.loader = loader;
    this.unloads = unloads;
  }

  LayerVersionInfo info() {
    return info;
  }

  CodeBundle code() {
    return code;
  }

  LayerClassLoader loader() {
    return loader;
  }

  /** How many deployed function versions list this version. */
  int functionUsers() {
    return functionUsers.get();
  }

  /** Called when a deployed function version starts using the layer. */
  void retainForFunction() {
    users.incrementAndGet();
    functionUsers.incrementAndGet();
  }

  /** Called when a deployed function version stops using the layer. */
  void releaseForFunction() {
    functionUsers.decrementAndGet();
    release();
  }

  /** Drops one user; the last closes the code and starts verifying the loader's unloading. */
  void release() {
    if (users.decrementAndGet() == 0) {
      code.release();
      unloads.releaseLayer(loader, info);
    }
  }
}

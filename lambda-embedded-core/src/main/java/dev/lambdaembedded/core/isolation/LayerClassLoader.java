/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/**
 * The class loader of one layer version, shared by every function that lists it: it sees the
 * layer's own classes and what {@link SharedClasses} shares, nothing of the functions using it.
 */
final class LayerClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final CodeBundle code;
  private final SharedClasses shared;
  private final ClassPolicy policy;

  LayerClassLoader(String name, CodeBundle code, SharedClasses shared, ClassPolicy policy) {
    super(name, ClassLoader.getPlatformClassLoader());
    this.code = code;
    this.shared = shared;
    this.policy = policy;
  }

  /** Whether the layer holds a class, checked before asking it to load one. */
  boolean containsClass(String binaryName) {
    return code.containsClass(binaryName);
  }

  CodeBundle code() {
    return code;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = shared.load(name);
      }
      if (type == null) {
        type = defineOwn(name);
      }
      if (type == null) {
        throw new ClassNotFoundException(
            name + " is not in layer " + getName() + ", the Java platform or a shared package");
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  /** Defines a class of the layer; the caller holds the class's loading lock. */
  @Nullable Class<?> defineOwn(String name) {
    Class<?> loaded = findLoadedClass(name);
    if (loaded != null) {
      return loaded;
    }
    byte[] bytes = code.classBytes(name, policy, this);
    if (bytes == null) {
      return null;
    }
    return defineClass(name, bytes, 0, bytes.length, code.domainOf(name, this));
  }

  @Override
  protected @Nullable URL findResource(String name) {
    return code.resource(name);
  }

  @Override
  protected Enumeration<URL> findResources(String name) throws IOException {
    return Collections.enumeration(code.resources(name));
  }
}

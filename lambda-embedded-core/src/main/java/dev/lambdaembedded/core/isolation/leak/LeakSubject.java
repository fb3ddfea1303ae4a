/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

/**
 * A function's class loader as the leak checks see it: a name that its classes' stack frames carry,
 * a way to define a helper class inside it, and its {@link ResourceTracker}.
 *
 * <p>Only {@link ClassLoader} subclasses may implement this interface; {@link LeakScanner} and
 * {@link UnloadVerifier} reject anything else.
 */
public interface LeakSubject {

  /**
   * Returns the loader's name, unique in the JVM and made of {@code [A-Za-z0-9._-]}; it must equal
   * {@link ClassLoader#getName()}, so that {@link StackTraceElement#getClassLoaderName()} of the
   * loader's classes returns it.
   *
   * @return the name
   */
  String name();

  /**
   * Defines a class from the given bytes inside this loader, or returns the class this loader
   * already defined under that name. The loader must not delegate the name to its parent, so that
   * caller-sensitive JDK methods called by the helper see this loader as the caller's.
   *
   * @param binaryName the class's binary name
   * @param bytes the class file; not modified
   * @return the class, whose {@link Class#getClassLoader()} is this loader
   * @throws LinkageError if the bytes do not define a valid class of that name
   */
  Class<?> defineHelper(String binaryName, byte[] bytes);

  /**
   * Returns the tracker that records what this loader's code registered outside itself.
   *
   * @return the same tracker on every call
   */
  ResourceTracker tracker();
}

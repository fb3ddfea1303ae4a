/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation;

import dev.lambdaembedded.api.handler.RequestHandler;
import dev.lambdaembedded.core.guard.Guard;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What deployed code loads from outside itself: the Java platform (every package of the boot and
 * platform loaders' modules), the lambda-embedded API, the guard hooks its rewritten classes call,
 * and the packages the host shares. Everything else the host has stays invisible.
 */
final class SharedClasses {
  private static final String API_PACKAGE = "dev.lambdaembedded.api";
  private static final String GUARD_PACKAGE = Guard.class.getPackageName();

  private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
  private final Set<String> platformPackages;
  private final ClassLoader apiLoader;
  private final ClassLoader guardLoader;
  private final List<String> sharedPackages;
  private final ClassLoader sharedLoader;

  SharedClasses(List<String> sharedPackages, ClassLoader sharedLoader) {
    this.platformPackages = platformPackages();
    this.apiLoader = loaderOf(RequestHandler.class);
    this.guardLoader = loaderOf(Guard.class);
    this.sharedPackages = List.copyOf(sharedPackages);
    this.sharedLoader = sharedLoader;
  }

  private static ClassLoader loaderOf(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader != null ? loader : ClassLoader.getPlatformClassLoader();
  }

  /** The packages of the modules the boot and platform loaders define. */
  private static Set<String> platformPackages() {
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    Set<String> packages = new HashSet<>();
    for (Module module : ModuleLayer.boot().modules()) {
      ClassLoader loader = module.getClassLoader();
      if (loader == null || loader.equals(platform)) {
        packages.addAll(module.getPackages());
      }
    }
    return Set.copyOf(packages);
  }

  /**
   * Loads a class from outside the function when its package is shared.
   *
   * @param name the class's binary name
   * @return the class, or null when the function's own code and layers are to be searched
   * @throws ClassNotFoundException if the package is shared but has no such class
   */
  @Nullable Class<?> load(String name) throws ClassNotFoundException {
    ClassLoader loader = loaderFor(packageOf(name));
    return loader == null ? null : loader.loadClass(name);
  }

  /**
   * Returns the loader a package is shared from.
   *
   * @param packageName the package
   * @return the loader, or null if the package is the function's own
   */
  @Nullable ClassLoader loaderFor(String packageName) {
    if (packageName.startsWith("java.") || platformPackages.contains(packageName)) {
      return platform;
    }
    if (packageName.equals(API_PACKAGE) || packageName.startsWith(API_PACKAGE + ".")) {
      return apiLoader;
    }
    if (packageName.equals(GUARD_PACKAGE)) {
      return guardLoader;
    }
    for (String shared : sharedPackages) {
      if (packageName.equals(shared) || packageName.startsWith(shared + ".")) {
        return sharedLoader;
      }
    }
    return null;
  }

  static String packageOf(String binaryName) {
    int dot = binaryName.lastIndexOf('.');
    return dot < 0 ? "" : binaryName.substring(0, dot);
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import dev.lambdaembedded.core.guard.Alarm;
import dev.lambdaembedded.core.guard.GuardedLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A function class loader for leak tests: defines the given classes itself, child-first, delegates
 * everything else to the test's loader, and feeds its tracker from the guard hooks as the runtime's
 * function loader does. Named {@code fn.<function>.<n>}, unique in the JVM.
 */
final class TestFunctionLoader extends ClassLoader implements GuardedLoader, LeakSubject {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;
  private final ResourceTracker tracker = new ResourceTracker();
  private final Alarm alarm;

  /**
   * Creates the loader.
   *
   * @param function the middle part of the name
   * @param classes class files by entry path ({@code fn/Leaky.class})
   */
  TestFunctionLoader(String function, Map<String, byte[]> classes) {
    super(
        "fn." + function + "." + INSTANCES.incrementAndGet(),
        TestFunctionLoader.class.getClassLoader());
    this.classes = Map.copyOf(classes);
    byte[] flag = Alarm.classBytes();
    this.alarm = Alarm.of(defineClass(Alarm.CLASS_NAME, flag, 0, flag.length), List.of());
  }

  @Override
  public Alarm alarm() {
    return alarm;
  }

  @Override
  public void exitRequested(int status) {
    throw new UnsupportedOperationException("exit is not expected here: " + status);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        byte[] bytes = classes.get(name.replace('.', '/') + ".class");
        loaded =
            bytes == null ? getParent().loadClass(name) : defineClass(name, bytes, 0, bytes.length);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public String name() {
    return getName();
  }

  @Override
  public Class<?> defineHelper(String binaryName, byte[] bytes) {
    synchronized (getClassLoadingLock(binaryName)) {
      Class<?> defined = findLoadedClass(binaryName);
      return defined != null ? defined : defineClass(binaryName, bytes, 0, bytes.length);
    }
  }

  @Override
  public ResourceTracker tracker() {
    return tracker;
  }

  @Override
  public Map<String, String> environmentVariables() {
    return Map.of();
  }

  @Override
  public void shutdownHookAdded(Thread hook) {
    tracker.shutdownHookAdded(hook);
  }

  @Override
  public void shutdownHookRemoved(Thread hook) {
    tracker.shutdownHookRemoved(hook);
  }

  @Override
  public void threadLocalSet(ThreadLocal<?> local, @Nullable Object value) {
    tracker.threadLocalSet(local, value);
  }

  @Override
  public void threadLocalRemoved(ThreadLocal<?> local) {
    tracker.threadLocalRemoved(local);
  }
}

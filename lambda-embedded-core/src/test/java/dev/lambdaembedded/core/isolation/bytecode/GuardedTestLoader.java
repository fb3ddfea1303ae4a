/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.bytecode;

import dev.lambdaembedded.api.config.CodePolicy;
import dev.lambdaembedded.core.guard.Alarm;
import dev.lambdaembedded.core.guard.GuardedLoader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A function class loader for tests: defines compiled classes, instrumented with a policy (or as
 * they are without one), and records what {@link dev.lambdaembedded.core.guard.Guard} reports.
 */
final class GuardedTestLoader extends ClassLoader implements GuardedLoader {
  final List<Thread> hooksAdded = new CopyOnWriteArrayList<>();
  final List<Thread> hooksRemoved = new CopyOnWriteArrayList<>();
  final List<Map.Entry<ThreadLocal<?>, @Nullable Object>> localsSet = new CopyOnWriteArrayList<>();
  final List<ThreadLocal<?>> localsRemoved = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> classes;
  private final @Nullable CodePolicy policy;
  private final Map<String, String> environment;
  private final ClassHierarchyResolver resolver;
  private final Alarm alarm;
  final List<Integer> exits = new CopyOnWriteArrayList<>();

  GuardedTestLoader(
      Map<String, byte[]> classes, @Nullable CodePolicy policy, Map<String, String> environment) {
    super("test-function", GuardedTestLoader.class.getClassLoader());
    this.classes = Map.copyOf(classes);
    this.policy = policy;
    this.environment = Map.copyOf(environment);
    this.resolver = Instrumenter.resolverFor(this);
    byte[] flag = Alarm.classBytes();
    this.alarm = Alarm.of(defineClass(Alarm.CLASS_NAME, flag, 0, flag.length), List.of());
  }

  @Override
  public Alarm alarm() {
    return alarm;
  }

  @Override
  public void exitRequested(int status) {
    exits.add(status);
  }

  /** A loader that instruments with the policy. */
  static GuardedTestLoader instrumenting(Map<String, byte[]> classes, CodePolicy policy) {
    return new GuardedTestLoader(classes, policy, Map.of());
  }

  /** A loader that defines the classes as they are. */
  static GuardedTestLoader plain(Map<String, byte[]> classes) {
    return new GuardedTestLoader(classes, null, Map.of());
  }

  /** Returns the bytes this loader defines for a class, instrumented if it has a policy. */
  byte[] definedBytes(String binaryName) {
    byte[] original = classes.get(binaryName.replace('.', '/') + ".class");
    if (original == null) {
      throw new IllegalArgumentException("no class " + binaryName);
    }
    return policy == null ? original : Instrumenter.instrument(original, policy, resolver);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (!classes.containsKey(name.replace('.', '/') + ".class")) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes = definedBytes(name);
    return defineClass(name, bytes, 0, bytes.length);
  }

  @Override
  public @Nullable InputStream getResourceAsStream(String name) {
    byte[] bytes = classes.get(name);
    return bytes == null ? super.getResourceAsStream(name) : new ByteArrayInputStream(bytes);
  }

  /** Calls a public static method of a class of this loader, rethrowing what it throws. */
  @Nullable Object call(String className, String method, Object... args) throws Throwable {
    Class<?> type = loadClass(className);
    for (Method candidate : type.getMethods()) {
      if (candidate.getName().equals(method) && candidate.getParameterCount() == args.length) {
        try {
          return candidate.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new IllegalArgumentException("no method " + className + "." + method);
  }

  @Override
  public Map<String, String> environmentVariables() {
    return environment;
  }

  @Override
  public void shutdownHookAdded(Thread hook) {
    hooksAdded.add(hook);
  }

  @Override
  public void shutdownHookRemoved(Thread hook) {
    hooksRemoved.add(hook);
  }

  @Override
  public void threadLocalSet(ThreadLocal<?> local, @Nullable Object value) {
    localsSet.add(new java.util.AbstractMap.SimpleEntry<>(local, value));
  }

  @Override
  public void threadLocalRemoved(ThreadLocal<?> local) {
    localsRemoved.add(local);
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.guard;

import dev.lambdaembedded.core.observe.InvocationScope;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The static methods that instrumented function code calls: the slow path of cooperative deadline
 * checks, and replacements for {@code System.getenv}, {@code Runtime.addShutdownHook}/{@code
 * removeShutdownHook} and {@code ThreadLocal.set}/{@code remove} that keep the runtime informed.
 *
 * <p>Rewritten calls pass the calling class, whose loader identifies the function. Code that is not
 * function code (a layer's classes, host classes) falls back to the thread context class loader,
 * and, when that is no function's either, to the plain JDK behaviour.
 */
public final class Guard {

  /**
   * One less than the number of loop back-edges or method entries between two deadline checks; the
   * instrumented code counts with a local or per-class counter and calls {@link #poll()} when the
   * counter's low bits are all zero.
   */
  public static final int CHECK_MASK = 1023;

  private Guard() {}

  /**
   * Checks the running invocation's deadline: throws once it has passed, and lets other virtual
   * threads run now and then. Does nothing outside an invocation.
   *
   * @throws DeadlineExceededError if the invocation timed out
   */
  public static void poll() {
    if (InvocationScope.CURRENT.isBound()) {
      InvocationScope.CURRENT.get().checkDeadline();
    }
  }

  /**
   * Replaces {@code System.getenv(String)}.
   *
   * @param name the variable
   * @param caller the class whose code called {@code System.getenv}
   * @return the function's value, or null
   */
  public static @Nullable String getenv(String name, Class<?> caller) {
    GuardedLoader loader = loaderOf(caller);
    return loader == null ? System.getenv(name) : loader.environmentVariables().get(name);
  }

  /**
   * Replaces {@code System.getenv()}.
   *
   * @param caller the class whose code called {@code System.getenv}
   * @return the function's variables
   */
  public static Map<String, String> getenv(Class<?> caller) {
    GuardedLoader loader = loaderOf(caller);
    return loader == null ? System.getenv() : loader.environmentVariables();
  }

  /**
   * Replaces {@code Runtime.addShutdownHook(Thread)} and records the hook.
   *
   * @param runtime the receiver of the original call
   * @param hook the hook
   * @param caller the calling class
   */
  public static void addShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
    runtime.addShutdownHook(hook);
    GuardedLoader loader = loaderOf(caller);
    if (loader != null) {
      loader.shutdownHookAdded(hook);
    }
  }

  /**
   * Replaces {@code Runtime.removeShutdownHook(Thread)} and records the removal.
   *
   * @param runtime the receiver of the original call
   * @param hook the hook
   * @param caller the calling class
   * @return whether the hook was registered
   */
  public static boolean removeShutdownHook(Runtime runtime, Thread hook, Class<?> caller) {
    boolean removed = runtime.removeShutdownHook(hook);
    GuardedLoader loader = loaderOf(caller);
    if (loader != null) {
      loader.shutdownHookRemoved(hook);
    }
    return removed;
  }

  /**
   * Replaces {@code ThreadLocal.set(Object)} and records the use.
   *
   * @param local the receiver of the original call
   * @param value the value
   * @param caller the calling class
   */
  @SuppressWarnings("unchecked") // the original call site was type-checked against the local
  public static void threadLocalSet(ThreadLocal<?> local, @Nullable Object value, Class<?> caller) {
    ((ThreadLocal<@Nullable Object>) local).set(value);
    GuardedLoader loader = loaderOf(caller);
    if (loader != null) {
      loader.threadLocalSet(local, value);
    }
  }

  /**
   * Replaces {@code ThreadLocal.remove()} and records the removal.
   *
   * @param local the receiver of the original call
   * @param caller the calling class
   */
  public static void threadLocalRemove(ThreadLocal<?> local, Class<?> caller) {
    local.remove();
    GuardedLoader loader = loaderOf(caller);
    if (loader != null) {
      loader.threadLocalRemoved(local);
    }
  }

  private static @Nullable GuardedLoader loaderOf(Class<?> caller) {
    if (caller.getClassLoader() instanceof GuardedLoader loader) {
      return loader;
    }
    return Thread.currentThread().getContextClassLoader() instanceof GuardedLoader loader
        ? loader
        : null;
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import dev.lambdaembedded.core.guard.Guard;
import dev.lambdaembedded.core.testing.TestJars;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Functions that each leave one kind of reference behind, compiled once, and a way to call their
 * static methods as an invocation would: with the function's loader as context class loader. Every
 * leaky function has a static {@code stop()} that undoes its leak and waits for it.
 */
final class LeakyFunctions {
  /** Starts a daemon platform thread named {@code fn-worker-<loader>} that waits forever. */
  static final String WORKER = "fn.Worker";

  /** Starts a virtual thread named {@code fn-fiber-<loader>} that waits forever. */
  static final String FIBER = "fn.Fiber";

  /** Sets a thread local holding a {@code fn.Session$State} through the guard hook. */
  static final String SESSION = "fn.Session";

  /** Registers a shutdown hook named {@code fn-hook-<loader>} through the guard hook. */
  static final String HOOKS = "fn.Hooks";

  /** Registers {@code fn.LeakyDriver} with {@code DriverManager}. */
  static final String DRIVER = "fn.LeakyDriver";

  /**
   * Starts a daemon {@code java.util.Timer} named {@code fn-timer-<loader>} with a pending task.
   */
  static final String TICKER = "fn.Ticker";

  /** Creates a plain object of the function, for a host to keep. */
  static final String PLAIN = "fn.Plain";

  private static final String WAIT =
      """
      static void waitForever(java.util.concurrent.CountDownLatch running) {
        running.countDown();
        try {
          new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      """;

  private static final Map<String, byte[]> CLASSES =
      TestJars.builder()
          .compileAgainst(TestJars.location(Guard.class))
          .source(
              WORKER,
              """
              package fn;
              public final class Worker {
                private static Thread thread;
                public static void start() throws InterruptedException {
                  var running = new java.util.concurrent.CountDownLatch(1);
                  String name = "fn-worker-" + Worker.class.getClassLoader().getName();
                  thread = new Thread(() -> waitForever(running), name);
                  thread.setDaemon(true);
                  thread.start();
                  running.await();
                }
                public static void stop() throws InterruptedException {
                  thread.interrupt();
                  thread.join();
                  thread = null;
                }
              """
                  + WAIT
                  + "}")
          .source(
              FIBER,
              """
              package fn;
              public final class Fiber {
                private static Thread thread;
                public static void start() throws InterruptedException {
                  var running = new java.util.concurrent.CountDownLatch(1);
                  String name = "fn-fiber-" + Fiber.class.getClassLoader().getName();
                  thread = Thread.ofVirtual().name(name).start(() -> waitForever(running));
                  running.await();
                }
                public static void stop() throws InterruptedException {
                  thread.interrupt();
                  thread.join();
                  thread = null;
                }
              """
                  + WAIT
                  + "}")
          .source(
              SESSION,
              """
              package fn;
              import dev.lambdaembedded.core.guard.Guard;
              public final class Session {
                public static final class State {}
                private static final ThreadLocal<State> CURRENT = new ThreadLocal<>();
                public static void start() {
                  Guard.threadLocalSet(CURRENT, new State(), Session.class);
                }
                public static void stop() {
                  Guard.threadLocalRemove(CURRENT, Session.class);
                }
              }
              """)
          .source(
              HOOKS,
              """
              package fn;
              import dev.lambdaembedded.core.guard.Guard;
              public final class Hooks {
                private static Thread hook;
                public static void start() {
                  hook = new Thread(() -> {}, "fn-hook-" + Hooks.class.getClassLoader().getName());
                  Guard.addShutdownHook(Runtime.getRuntime(), hook, Hooks.class);
                }
                public static void stop() {
                  Guard.removeShutdownHook(Runtime.getRuntime(), hook, Hooks.class);
                  hook = null;
                }
              }
              """)
          .source(
              DRIVER,
              """
              package fn;
              import java.sql.*;
              import java.util.Properties;
              public final class LeakyDriver implements Driver {
                private static LeakyDriver registered;
                public static void start() throws SQLException {
                  registered = new LeakyDriver();
                  DriverManager.registerDriver(registered);
                }
                public static void stop() throws SQLException {
                  DriverManager.deregisterDriver(registered);
                  registered = null;
                }
                @Override public Connection connect(String url, Properties info) { return null; }
                @Override public boolean acceptsURL(String url) { return url.startsWith("jdbc:leaky:"); }
                @Override public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
                  return new DriverPropertyInfo[0];
                }
                @Override public int getMajorVersion() { return 1; }
                @Override public int getMinorVersion() { return 0; }
                @Override public boolean jdbcCompliant() { return false; }
                @Override public java.util.logging.Logger getParentLogger()
                    throws SQLFeatureNotSupportedException {
                  throw new SQLFeatureNotSupportedException();
                }
              }
              """)
          .source(
              TICKER,
              """
              package fn;
              import java.util.Timer;
              import java.util.TimerTask;
              import java.util.concurrent.CompletableFuture;
              public final class Ticker {
                private static Timer timer;
                public static void start() {
                  timer = new Timer("fn-timer-" + Ticker.class.getClassLoader().getName(), true);
                  timer.schedule(new TimerTask() { @Override public void run() {} }, 3_600_000L);
                }
                public static void stop() throws Exception {
                  var thread = new CompletableFuture<Thread>();
                  timer.schedule(
                      new TimerTask() {
                        @Override public void run() { thread.complete(Thread.currentThread()); }
                      },
                      0L);
                  Thread timerThread = thread.get();
                  timer.cancel();
                  timer = null;
                  timerThread.join();
                }
              }
              """)
          .source(
              PLAIN,
              """
              package fn;
              public final class Plain {
                public static Object start() { return new Plain(); }
              }
              """)
          .classes();

  private LeakyFunctions() {}

  /** Returns a fresh loader of all the functions, named {@code fn.<function>.<n>}. */
  static TestFunctionLoader newLoader(String function) {
    return new TestFunctionLoader(function, CLASSES);
  }

  /**
   * Calls a function's static no-argument method with the function's loader as context class
   * loader, and restores the caller's.
   */
  static @Nullable Object call(ClassLoader loader, String className, String method) {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(loader);
    try {
      return Class.forName(className, true, loader).getMethod(method).invoke(null);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(className + "." + method + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    } finally {
      current.setContextClassLoader(previous);
    }
  }
}

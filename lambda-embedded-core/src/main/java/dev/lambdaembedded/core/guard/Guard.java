/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.guard;

import dev.lambdaembedded.core.observe.InvocationScope;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The static methods that instrumented function code calls: the slow path of deadline checks,
 * deadline-aware replacements for the JDK's blocking calls that ignore interrupts, the function's
 * view of {@code System.getenv}, Lambda's meaning of {@code System.exit}, and replacements for
 * {@code Runtime.addShutdownHook}/{@code removeShutdownHook} and {@code ThreadLocal.set}/{@code
 * remove} that keep the runtime informed.
 *
 * <p>Rewritten calls pass the calling class, whose loader identifies the function. Code that is not
 * function code (a layer's classes, host classes) falls back to the thread context class loader,
 * and, when that is no function's either, to the plain JDK behaviour.
 *
 * <p>The blocking replacements behave as the calls they replace, with one difference: on a thread
 * running an invocation they check the deadline before blocking and give up with {@link
 * DeadlineExceededError} once it has passed. They block in slices and are woken early by the
 * interrupt the runtime sends at the deadline; outside an invocation they are the plain calls.
 */
public final class Guard {
  /*
   * Why slices: the runtime interrupts the invocation's thread at its deadline, which wakes every
   * interruptible wait at once, and the state it sets first is what checkDeadline() reads, so a
   * check that passes is always followed by an interrupt the wait sees. The slice only bounds how
   * long a wait can miss a deadline if something else swallowed that interrupt.
   */
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private Guard() {}

  /**
   * Checks the running invocation's deadline: throws once it has passed, and lets other virtual
   * threads run when the runtime asks. Called by instrumented code when its loader's {@link Alarm}
   * is raised; does nothing outside an invocation.
   *
   * @throws DeadlineExceededError if the invocation timed out or its environment ended
   */
  public static void poll() {
    if (InvocationScope.CURRENT.isBound()) {
      InvocationScope.CURRENT.get().checkDeadline();
    }
  }

  // ---- blocking calls that ignore interrupts ----

  /** Replaces {@code LockSupport.park()}: checks the deadline first. */
  public static void park() {
    check();
    LockSupport.park();
  }

  /**
   * Replaces {@code LockSupport.park(Object)}: checks the deadline first.
   *
   * @param blocker the blocker
   */
  public static void park(@Nullable Object blocker) {
    check();
    LockSupport.park(blocker);
  }

  /**
   * Replaces {@code LockSupport.parkNanos(long)}: checks the deadline first.
   *
   * @param nanos the longest wait
   */
  public static void parkNanos(long nanos) {
    check();
    LockSupport.parkNanos(nanos);
  }

  /**
   * Replaces {@code LockSupport.parkNanos(Object, long)}: checks the deadline first.
   *
   * @param blocker the blocker
   * @param nanos the longest wait
   */
  public static void parkNanos(@Nullable Object blocker, long nanos) {
    check();
    LockSupport.parkNanos(blocker, nanos);
  }

  /**
   * Replaces {@code LockSupport.parkUntil(long)}: checks the deadline first.
   *
   * @param deadline the epoch millisecond to wait until
   */
  public static void parkUntil(long deadline) {
    check();
    LockSupport.parkUntil(deadline);
  }

  /**
   * Replaces {@code LockSupport.parkUntil(Object, long)}: checks the deadline first.
   *
   * @param blocker the blocker
   * @param deadline the epoch millisecond to wait until
   */
  public static void parkUntil(@Nullable Object blocker, long deadline) {
    check();
    LockSupport.parkUntil(blocker, deadline);
  }

  /**
   * Replaces {@code CompletableFuture.join()}: waits as it does, ignoring interrupts, but not past
   * the invocation's deadline.
   *
   * @param future the receiver of the original call
   * @param <T> the result type
   * @return the result
   */
  public static <T> T join(CompletableFuture<T> future) {
    InvocationScope scope = scope();
    if (scope == null || future.isDone()) {
      return future.join();
    }
    boolean interrupted = false;
    try {
      while (!future.isDone()) {
        scope.checkDeadline();
        try {
          future.get(SLICE_NANOS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException | CancellationException | TimeoutException e) {
          // completed exceptionally (join reports it below) or the slice ended
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt(); // join() keeps a caller's interrupt too
      }
    }
    return future.join();
  }

  /**
   * Replaces {@code Lock.lock()}: waits as it does, ignoring interrupts, but not past the
   * invocation's deadline.
   *
   * @param lock the receiver of the original call
   */
  public static void lock(Lock lock) {
    InvocationScope scope = scope();
    if (scope == null) {
      lock.lock();
      return;
    }
    boolean interrupted = false;
    try {
      while (true) {
        scope.checkDeadline();
        try {
          if (lock.tryLock(SLICE_NANOS, TimeUnit.NANOSECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Replaces {@code Condition.awaitUninterruptibly()}: waits until signalled, ignoring interrupts,
   * but not past the invocation's deadline.
   *
   * @param condition the receiver of the original call
   */
  @SuppressWarnings("WaitNotInLoop") // it replaces the call; the caller's loop is around it
  public static void awaitUninterruptibly(Condition condition) {
    InvocationScope scope = scope();
    if (scope == null) {
      condition.awaitUninterruptibly();
      return;
    }
    boolean interrupted = false;
    try {
      while (true) {
        scope.checkDeadline();
        try {
          if (condition.awaitNanos(SLICE_NANOS) > 0) {
            return; // signalled (or woken spuriously, which the contract allows)
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Replaces {@code Semaphore.acquireUninterruptibly()}.
   *
   * @param semaphore the receiver of the original call
   */
  public static void acquireUninterruptibly(Semaphore semaphore) {
    acquireUninterruptibly(semaphore, 1);
  }

  /**
   * Replaces {@code Semaphore.acquireUninterruptibly(int)}: waits as it does, ignoring interrupts,
   * but not past the invocation's deadline.
   *
   * @param semaphore the receiver of the original call
   * @param permits the permits to acquire
   */
  public static void acquireUninterruptibly(Semaphore semaphore, int permits) {
    InvocationScope scope = scope();
    if (scope == null) {
      semaphore.acquireUninterruptibly(permits);
      return;
    }
    boolean interrupted = false;
    try {
      while (true) {
        scope.checkDeadline();
        try {
          if (semaphore.tryAcquire(permits, SLICE_NANOS, TimeUnit.NANOSECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- sockets: a blocking read on a platform thread ignores interrupts ----

  /**
   * Replaces {@code Socket.getInputStream()}: reads from the socket's stream, but a read that is
   * still blocked when the invocation's deadline passes ends, because the runtime closes the socket
   * (as Lambda's environment ends with its connections).
   *
   * @param socket the receiver of the original call
   * @return the socket's input stream, deadline-aware
   * @throws IOException as {@code getInputStream} does
   */
  public static InputStream socketInput(Socket socket) throws IOException {
    return new SocketInput(socket, socket.getInputStream());
  }

  /**
   * Replaces {@code Socket.connect(SocketAddress)}: a connect still blocked at the deadline ends.
   *
   * @param socket the receiver of the original call
   * @param address the address
   * @throws IOException as {@code connect} does
   */
  public static void connect(Socket socket, SocketAddress address) throws IOException {
    connect(socket, address, 0);
  }

  /**
   * Replaces {@code Socket.connect(SocketAddress, int)}: a connect still blocked at the deadline
   * ends.
   *
   * @param socket the receiver of the original call
   * @param address the address
   * @param timeoutMillis the connect timeout, 0 for none
   * @throws IOException as {@code connect} does
   */
  public static void connect(Socket socket, SocketAddress address, int timeoutMillis)
      throws IOException {
    InvocationScope scope = scope();
    if (scope == null) {
      socket.connect(address, timeoutMillis);
      return;
    }
    scope.checkDeadline();
    scope.blockedOn(socket);
    try {
      socket.connect(address, timeoutMillis);
    } catch (IOException e) {
      scope.checkDeadline();
      throw e;
    } finally {
      scope.blockedOn(null);
    }
  }

  /**
   * Replaces {@code ServerSocket.accept()}: an accept still blocked at the deadline ends.
   *
   * @param server the receiver of the original call
   * @return the accepted socket
   * @throws IOException as {@code accept} does
   */
  public static Socket accept(ServerSocket server) throws IOException {
    InvocationScope scope = scope();
    if (scope == null) {
      return server.accept();
    }
    scope.checkDeadline();
    scope.blockedOn(server);
    try {
      return server.accept();
    } catch (IOException e) {
      scope.checkDeadline();
      throw e;
    } finally {
      scope.blockedOn(null);
    }
  }

  // ---- exit ----

  /**
   * Replaces {@code System.exit(int)}: ends the function's execution environment, as the process
   * exiting does on Lambda, instead of the host's JVM. The invocation running in it fails with
   * {@code Runtime.ExitError}; the next one starts a new environment.
   *
   * @param status the exit status
   * @param caller the calling class
   * @throws FunctionExitError always, to unwind the calling thread
   */
  public static void exit(int status, Class<?> caller) {
    GuardedLoader loader = loaderOf(caller);
    if (loader != null) {
      loader.exitRequested(status);
    }
    throw new FunctionExitError(status);
  }

  /**
   * Replaces {@code Runtime.exit(int)}; see {@link #exit(int, Class)}.
   *
   * @param runtime the receiver of the original call
   * @param status the exit status
   * @param caller the calling class
   */
  public static void runtimeExit(Runtime runtime, int status, Class<?> caller) {
    exit(status, caller);
  }

  /**
   * Replaces {@code Runtime.halt(int)}; see {@link #exit(int, Class)}.
   *
   * @param runtime the receiver of the original call
   * @param status the exit status
   * @param caller the calling class
   */
  public static void halt(Runtime runtime, int status, Class<?> caller) {
    exit(status, caller);
  }

  // ---- environment, hooks and thread locals ----

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

  private static @Nullable InvocationScope scope() {
    return InvocationScope.CURRENT.isBound() ? InvocationScope.CURRENT.get() : null;
  }

  /** The check before a park: throws once the deadline passed, never yields (see scope). */
  private static void check() {
    InvocationScope scope = scope();
    if (scope != null) {
      scope.checkExpired();
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

  /**
   * A socket's input stream whose reads name the socket to the invocation while they block, so that
   * the runtime can close it at the deadline, and turn the failure that closing causes into the
   * deadline's.
   */
  private static final class SocketInput extends FilterInputStream {
    private final Socket socket;

    SocketInput(Socket socket, InputStream in) {
      super(in);
      this.socket = socket;
    }

    @Override
    public int read() throws IOException {
      InvocationScope scope = scope();
      if (scope == null) {
        return in.read();
      }
      scope.checkDeadline();
      scope.blockedOn(socket);
      try {
        return in.read();
      } catch (IOException e) {
        scope.checkDeadline();
        throw e;
      } finally {
        scope.blockedOn(null);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      InvocationScope scope = scope();
      if (scope == null) {
        return in.read(buffer, offset, length);
      }
      scope.checkDeadline();
      scope.blockedOn(socket);
      try {
        return in.read(buffer, offset, length);
      } catch (IOException e) {
        scope.checkDeadline();
        throw e;
      } finally {
        scope.blockedOn(null);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      InvocationScope scope = scope();
      if (scope == null) {
        return in.skip(n);
      }
      scope.checkDeadline();
      scope.blockedOn(socket);
      try {
        return in.skip(n);
      } catch (IOException e) {
        scope.checkDeadline();
        throw e;
      } finally {
        scope.blockedOn(null);
      }
    }
  }
}

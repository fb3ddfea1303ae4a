/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.isolation.leak;

import static java.util.Objects.requireNonNull;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A record of what one function class loader's code registered outside itself and has not undone:
 * shutdown hooks, and thread locals set on threads that are still alive. The loader feeds it from
 * its {@link dev.lambdaembedded.core.guard.GuardedLoader} callbacks; {@link LeakCleaner} and {@link
 * LeakScanner} read it.
 *
 * <p>Thread-safe. Thread-local calls are cheap enough for every {@code ThreadLocal.set}: a repeat
 * set of the same thread local on the same thread allocates nothing.
 *
 * <p>Do not hand the tracker to anything that outlives the loader: it holds registered hook threads
 * strongly (the JVM holds them too while they are registered).
 */
public final class ResourceTracker {
  /*
   * Thread locals are keyed by thread id, which the JVM never reuses. Threads, thread locals and
   * value classes are held weakly so that the record itself pins nothing; the values are not held
   * at all. Only the owning thread adds or removes its own entry; other threads purge entries of
   * dead threads once the map has doubled since the last purge, which bounds the map by about
   * twice the number of live threads that used a thread local.
   */
  private static final int MIN_PURGE_SIZE = 64;

  private final Set<Thread> hooks = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<Long, ThreadUses> threads = new ConcurrentHashMap<>();
  private volatile int purgeAt = MIN_PURGE_SIZE;

  /** Creates an empty tracker. */
  public ResourceTracker() {}

  /**
   * Records a shutdown hook that the function registered.
   *
   * @param hook the hook thread
   */
  public void shutdownHookAdded(Thread hook) {
    hooks.add(requireNonNull(hook, "hook"));
  }

  /**
   * Records that a shutdown hook was removed, by the function or by {@link LeakCleaner}.
   *
   * @param hook the hook thread
   */
  public void shutdownHookRemoved(Thread hook) {
    hooks.remove(requireNonNull(hook, "hook"));
  }

  /**
   * Returns the shutdown hooks recorded as registered and not removed.
   *
   * @return a snapshot; callers must not keep it longer than they keep the loader
   */
  public List<Thread> shutdownHooks() {
    return List.copyOf(hooks);
  }

  /**
   * Records that the function set a thread local's value on the current thread. A null value counts
   * as a removal, as it pins nothing.
   *
   * @param local the thread local
   * @param value the value set; only its class is remembered, weakly
   */
  public void threadLocalSet(ThreadLocal<?> local, @Nullable Object value) {
    requireNonNull(local, "local");
    if (value == null) {
      threadLocalRemoved(local);
      return;
    }
    Thread current = Thread.currentThread();
    ThreadUses uses = threads.get(current.threadId());
    if (uses == null) {
      uses = new ThreadUses(current);
      threads.put(current.threadId(), uses);
      purgeIfGrown();
    }
    uses.set(local, value.getClass());
  }

  /**
   * Records that the function removed a thread local's value on the current thread.
   *
   * @param local the thread local
   */
  public void threadLocalRemoved(ThreadLocal<?> local) {
    requireNonNull(local, "local");
    long id = Thread.currentThread().threadId();
    ThreadUses uses = threads.get(id);
    if (uses != null && uses.remove(local)) {
      threads.remove(id, uses);
    }
  }

  /**
   * Returns the thread locals set and not removed on threads that are still alive and whose thread
   * local still exists. Uses on threads that have terminated, virtual ones included, are not
   * listed: their values died with them.
   *
   * @return a snapshot of descriptions, holding no thread, thread local or value
   */
  public List<ThreadLocalUse> threadLocalUses() {
    List<ThreadLocalUse> live = new ArrayList<>();
    for (ThreadUses uses : threads.values()) {
      uses.describeInto(live);
    }
    return List.copyOf(live);
  }

  /** Returns the number of threads with recorded thread-local uses, for tests of the bound. */
  int trackedThreads() {
    return threads.size();
  }

  private void purgeIfGrown() {
    if (threads.size() < purgeAt) {
      return;
    }
    threads.values().removeIf(ThreadUses::isDead);
    purgeAt = Math.max(MIN_PURGE_SIZE, 2 * threads.size());
  }

  /**
   * One thread local that function code set on a live thread and did not remove.
   *
   * @param threadName the thread's name
   * @param threadId the thread's id
   * @param virtual whether the thread is virtual
   * @param localType the thread local's class, {@code java.lang.ThreadLocal} or a subclass
   * @param valueType the class of the value last set
   * @param valueLoader the name of that class's loader: its {@link ClassLoader#getName()}, its
   *     class name if unnamed, or {@code bootstrap}
   */
  public record ThreadLocalUse(
      String threadName,
      long threadId,
      boolean virtual,
      String localType,
      String valueType,
      String valueLoader) {

    /** Checks that no component is null. */
    public ThreadLocalUse {
      requireNonNull(threadName, "threadName");
      requireNonNull(localType, "localType");
      requireNonNull(valueType, "valueType");
      requireNonNull(valueLoader, "valueLoader");
    }
  }

  /** The uses on one thread; guarded by its own monitor, which only the thread and readers take. */
  private static final class ThreadUses {
    private final WeakReference<Thread> thread;
    private final List<LocalUse> locals = new ArrayList<>(2);

    ThreadUses(Thread thread) {
      this.thread = new WeakReference<>(thread);
    }

    synchronized void set(ThreadLocal<?> local, Class<?> valueType) {
      for (LocalUse use : locals) {
        if (use.local.refersTo(local)) {
          use.valueType(valueType);
          return;
        }
      }
      locals.removeIf(use -> use.local.refersTo(null));
      locals.add(new LocalUse(local, valueType));
    }

    /** Returns whether no use is left. */
    synchronized boolean remove(ThreadLocal<?> local) {
      locals.removeIf(use -> use.local.refersTo(local) || use.local.refersTo(null));
      return locals.isEmpty();
    }

    boolean isDead() {
      Thread alive = thread.get();
      return alive == null || !alive.isAlive();
    }

    synchronized void describeInto(List<ThreadLocalUse> out) {
      Thread alive = thread.get();
      if (alive == null || !alive.isAlive()) {
        return;
      }
      for (LocalUse use : locals) {
        ThreadLocal<?> local = use.local.get();
        if (local != null) {
          out.add(
              new ThreadLocalUse(
                  alive.getName(),
                  alive.threadId(),
                  alive.isVirtual(),
                  local.getClass().getName(),
                  use.valueTypeName,
                  use.valueLoaderName()));
        }
      }
    }
  }

  /** One thread local on one thread; mutated only under the owning {@link ThreadUses} monitor. */
  private static final class LocalUse {
    final WeakReference<ThreadLocal<?>> local;
    WeakReference<Class<?>> valueType;
    String valueTypeName;

    LocalUse(ThreadLocal<?> local, Class<?> valueType) {
      this.local = new WeakReference<>(local);
      this.valueType = new WeakReference<>(valueType);
      this.valueTypeName = valueType.getName();
    }

    void valueType(Class<?> type) {
      if (!valueType.refersTo(type)) {
        valueType = new WeakReference<>(type);
        valueTypeName = type.getName();
      }
    }

    String valueLoaderName() {
      Class<?> type = valueType.get();
      if (type == null) {
        return "(collected)";
      }
      return loaderName(type.getClassLoader());
    }
  }

  /** Names a class loader for a description. */
  static String loaderName(@Nullable ClassLoader loader) {
    if (loader == null) {
      return "bootstrap";
    }
    String name = loader.getName();
    return name != null ? name : loader.getClass().getName();
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A function version's execution environments, warm ones reused before new ones are started.
 *
 * <p>Taking a warm environment is one compare-and-set on its in-flight count, takes no lock and
 * allocates nothing, and a single caller always finds the same, warmest environment. The pool keeps
 * its environments in an array and, beside it, a spare list: the environments with room for another
 * invocation, the most recently released first. An invocation looks at a few slots of the array
 * from one chosen by its thread, then at the head of the spare list; only if that head is full does
 * it take the pool's lock, to unlink full environments from the list until it finds one with room.
 * When every environment is busy the list is empty and the pool answers at once that none is free.
 * So each step is constant time, however many environments are busy.
 *
 * <p>Adding and removing environments (cold starts, retirement) happen under the pool's lock, off
 * the warm path, in constant time: a new environment takes a slot from a stack of free ones (the
 * array doubles when there is none), and each environment knows its slot and its place in the spare
 * list. Idle expiry is a periodic scan by the watchdog's housekeeping, which retires environments
 * unused for longer than the idle timeout.
 *
 * <p>A Caffeine cache was the first plan for idle expiry, but a cache maps keys to values and a
 * pool hands out interchangeable objects: emulating take-and-return on a cache costs a map removal
 * and insertion per invocation, which the warm path cannot afford.
 *
 * <p>Thread-safe. Every environment given to it must have this pool as its {@link
 * Environment#home() home}.
 */
public final class EnvironmentPool {
  /*
   * Why these choices:
   * - The few slots from the thread's own spread concurrent callers over environments, as the
   *   array scan that came before did: callers that all went to the head of the spare list would
   *   fight over one environment and then over the lock. A pool of up to PROBES slots is scanned
   *   whole, which is all it needs.
   * - The warm path never unlinks the environment it fills: that would need the lock. A full
   *   environment stays listed until an invocation finds it at the head and unlinks it, and rejoins
   *   the list when one of its invocations is released. Each unlink is paid for by the claim that
   *   made it full, so acquire is amortised constant time.
   * - A release reads the environment's spare flag after it lowered the count; an unlink clears the
   *   flag before it reads the count again. Both are volatile, so at least one of them sees the
   *   other: either the release relists the environment or the unlink puts it straight back. No
   *   environment with room is left off the list (one whose release is still running may be, which
   *   at worst starts a new environment, as a release just after a scan could before).
   * - An environment is unlinked and its slot freed when it is removed, so nothing retired is held
   *   by the pool.
   */

  private static final int INITIAL_SLOTS = 4;

  /** The slots an invocation looks at from its thread's before it turns to the spare list. */
  private static final int PROBES = 4;

  private final int perEnvironmentConcurrency;
  private final boolean provisioned;
  private final ReentrantLock lock = new ReentrantLock();

  /** The environments by slot; a new array is published under the lock when it doubles. */
  private volatile AtomicReferenceArray<@Nullable Environment> slots =
      new AtomicReferenceArray<>(INITIAL_SLOTS);

  /** The head of the spare list; written under the lock, read without it. */
  private volatile @Nullable Environment spareHead;

  /** The free slots, a stack of {@link #freeSlotCount} indices; guarded by the lock. */
  private int[] freeSlots = freeSlots(0, INITIAL_SLOTS);

  private int freeSlotCount = INITIAL_SLOTS;

  /** The environments in the slots; guarded by the lock. */
  private int size;

  private volatile boolean retired;
  private volatile boolean draining;

  /**
   * Creates an empty pool of on-demand environments.
   *
   * @param perEnvironmentConcurrency how many invocations one environment serves at once
   */
  public EnvironmentPool(int perEnvironmentConcurrency) {
    this(perEnvironmentConcurrency, false);
  }

  /**
   * Creates an empty pool.
   *
   * @param perEnvironmentConcurrency how many invocations one environment serves at once (at most
   *     2^30 - 1: more are capped there)
   * @param provisioned whether it holds provisioned environments, which idle expiry spares
   */
  public EnvironmentPool(int perEnvironmentConcurrency, boolean provisioned) {
    this.perEnvironmentConcurrency =
        Math.min(perEnvironmentConcurrency, Environment.MAX_CONCURRENCY);
    this.provisioned = provisioned;
  }

  /**
   * Returns whether the pool holds provisioned environments.
   *
   * @return {@code true} for a provisioned pool
   */
  public boolean provisioned() {
    return provisioned;
  }

  /**
   * Takes a warm environment for one invocation. Lock-free unless the head of the spare list is
   * full; never allocates.
   *
   * @return the environment, or null if none is free (start one)
   */
  public @Nullable Environment acquire() {
    Environment head = spareHead;
    if (head == null) {
      return null; // every environment is busy, or there is none
    }
    int max = perEnvironmentConcurrency;
    AtomicReferenceArray<@Nullable Environment> envs = slots;
    int length = envs.length(); // a power of two: 4, then doubled
    int start = probe(length);
    int probes = Math.min(length, PROBES);
    for (int i = 0; i < probes; i++) {
      Environment environment = envs.getAcquire((start + i) & (length - 1));
      if (environment != null && environment.tryAcquire(max)) {
        return environment;
      }
    }
    if (length <= PROBES) {
      return null; // every slot was looked at
    }
    if (head.tryAcquire(max)) {
      return head;
    }
    return acquireSpare();
  }

  /** Unlinks full environments from the head of the spare list until one has room. */
  private @Nullable Environment acquireSpare() {
    int max = perEnvironmentConcurrency;
    lock.lock();
    try {
      Environment head;
      while ((head = spareHead) != null) {
        if (head.tryAcquire(max)) {
          return head;
        }
        unlinkSpare(head); // full, marked for discard or retired
        if (head.hasRoom(max)) {
          linkSpare(head); // released meanwhile by an invocation that saw it still listed
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds an environment just started for an invocation (and claimed by it).
   *
   * @param environment the environment, of this pool and not in it yet
   * @return {@code false} if the pool was retired meanwhile (the caller retires the environment
   *     after its invocation)
   */
  public boolean add(Environment environment) {
    lock.lock();
    try {
      if (retired) {
        environment.requestDiscard();
        return false;
      }
      if (freeSlotCount == 0) {
        grow();
      }
      int index = freeSlots[--freeSlotCount];
      environment.slot = index;
      slots.set(index, environment);
      size++;
      if (environment.hasRoom(perEnvironmentConcurrency)) {
        linkSpare(environment);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns an invocation's claim on an environment.
   *
   * @param environment the environment
   * @param nowNanos the time
   * @return {@code true} if the environment is to be retired now (it was discarded or the pool
   *     retired, and this was its last invocation)
   */
  public boolean release(Environment environment, long nowNanos) {
    int left = environment.release(nowNanos);
    if (left == 0
        && (environment.discardRequested() || retired || draining)
        && environment.retireIfIdle()) {
      remove(environment);
      return true;
    }
    if (!environment.spare) {
      relist(environment);
    }
    return false;
  }

  /** Puts an environment back on the spare list if it is still in the pool and has room. */
  private void relist(Environment environment) {
    lock.lock();
    try {
      if (!environment.spare
          && environment.slot >= 0
          && environment.hasRoom(perEnvironmentConcurrency)) {
        linkSpare(environment);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Discards an environment after a timeout or an {@link Error}: no invocation may take it again.
   *
   * @param environment the environment
   */
  public void discard(Environment environment) {
    environment.requestDiscard();
    remove(environment);
  }

  /**
   * Retires environments idle since before a time; a provisioned pool's are kept warm.
   *
   * @param idleSinceNanos environments last released before this are retired
   * @return the retired environments, for their shutdown hooks
   */
  public List<Environment> retireIdle(long idleSinceNanos) {
    return provisioned ? List.of() : retireIdle(idleSinceNanos, false);
  }

  /** Retires environments with nothing in flight: all of them, or those idle since a time. */
  private List<Environment> retireIdle(long idleSinceNanos, boolean all) {
    List<Environment> retiredNow = new ArrayList<>(0);
    lock.lock();
    try {
      AtomicReferenceArray<@Nullable Environment> envs = slots;
      for (int i = 0; i < envs.length(); i++) {
        Environment environment = envs.get(i);
        if (environment != null
            && environment.inFlight() == 0
            && (all || environment.lastReleasedNanos() - idleSinceNanos < 0)
            && environment.retireIfIdle()) {
          removeLocked(environment);
          retiredNow.add(environment);
        }
      }
    } finally {
      lock.unlock();
    }
    return retiredNow;
  }

  /**
   * Retires the pool: idle environments now, busy ones when their invocations return.
   *
   * @return the environments retired now
   */
  public List<Environment> retireAll() {
    List<Environment> retiredNow = new ArrayList<>();
    lock.lock();
    try {
      retired = true;
      AtomicReferenceArray<@Nullable Environment> envs = slots;
      for (int i = 0; i < envs.length(); i++) {
        Environment environment = envs.get(i);
        if (environment != null) {
          environment.requestDiscard();
          if (environment.retireIfIdle()) {
            removeLocked(environment);
            retiredNow.add(environment);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    return retiredNow;
  }

  /**
   * Drains the pool: idle environments are retired now, busy ones when their invocations return,
   * until {@link #keep()}; an invocation that finds none starts a new one, as usual.
   *
   * @return the environments retired now
   */
  public List<Environment> drain() {
    draining = true;
    return retireIdle(0, true);
  }

  /** Ends draining: environments stay warm after their invocations again. */
  public void keep() {
    draining = false;
  }

  /**
   * Returns whether the pool is draining.
   *
   * @return {@code true} between {@link #drain()} and {@link #keep()}
   */
  public boolean draining() {
    return draining;
  }

  /**
   * Shrinks the pool to at most a number of environments: idle ones are retired now; if that is not
   * enough, busy ones are retired when their invocations return.
   *
   * @param keep the environments to keep
   * @return the environments retired now
   */
  public List<Environment> shrinkTo(int keep) {
    List<Environment> retiredNow = new ArrayList<>(0);
    lock.lock();
    try {
      AtomicReferenceArray<@Nullable Environment> envs = slots;
      int excess = size - keep;
      for (int i = 0; i < envs.length() && excess > 0; i++) {
        Environment environment = envs.get(i);
        if (environment != null && environment.retireIfIdle()) {
          removeLocked(environment);
          retiredNow.add(environment);
          excess--;
        }
      }
      for (int i = 0; i < envs.length() && excess > 0; i++) {
        Environment environment = envs.get(i);
        if (environment != null && !environment.discardRequested()) {
          environment.requestDiscard();
          excess--;
          if (environment.retireIfIdle()) { // its last invocation returned since the first pass
            removeLocked(environment);
            retiredNow.add(environment);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    return retiredNow;
  }

  /**
   * Returns whether the pool was retired.
   *
   * @return {@code true} after {@link #retireAll()}
   */
  public boolean retired() {
    return retired;
  }

  /**
   * Returns the environments alive in the pool.
   *
   * @return the count
   */
  public int size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  private void remove(Environment environment) {
    lock.lock();
    try {
      removeLocked(environment);
    } finally {
      lock.unlock();
    }
  }

  /** Frees an environment's slot and unlinks it from the spare list; nothing if it is not here. */
  private void removeLocked(Environment environment) {
    int index = environment.slot;
    if (index < 0) {
      return; // never added (an abandoned init phase), or removed already
    }
    slots.set(index, null);
    freeSlots[freeSlotCount++] = index;
    environment.slot = -1;
    size--;
    if (environment.spare) {
      unlinkSpare(environment);
    }
  }

  /** Doubles the slot array: its new slots become the free ones. Called with none free. */
  private void grow() {
    AtomicReferenceArray<@Nullable Environment> envs = slots;
    int length = envs.length();
    AtomicReferenceArray<@Nullable Environment> bigger = new AtomicReferenceArray<>(length * 2);
    for (int i = 0; i < length; i++) {
      bigger.setPlain(i, envs.getPlain(i)); // published by the volatile write below
    }
    freeSlots = freeSlots(length, length * 2);
    freeSlotCount = length;
    slots = bigger;
  }

  /** A free-slot stack of capacity {@code to} holding {@code from..to-1}, the lowest on top. */
  private static int[] freeSlots(int from, int to) {
    int[] stack = new int[to];
    for (int i = 0; i < to - from; i++) {
      stack[i] = to - 1 - i;
    }
    return stack;
  }

  /** Puts an environment at the head of the spare list; under the lock. */
  private void linkSpare(Environment environment) {
    Environment head = spareHead;
    environment.sparePrevious = null;
    environment.spareNext = head;
    if (head != null) {
      head.sparePrevious = environment;
    }
    environment.spare = true;
    spareHead = environment;
  }

  /** Takes an environment off the spare list; under the lock. */
  private void unlinkSpare(Environment environment) {
    Environment previous = environment.sparePrevious;
    Environment next = environment.spareNext;
    if (previous == null) {
      spareHead = next;
    } else {
      previous.spareNext = next;
    }
    if (next != null) {
      next.sparePrevious = previous;
    }
    environment.sparePrevious = null;
    environment.spareNext = null;
    environment.spare = false;
  }

  private static int probe(int length) {
    long h = Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 33) & (length - 1);
  }
}

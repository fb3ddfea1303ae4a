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
 * <p>The pool is an array of environments scanned from a slot chosen by the calling thread; taking
 * a warm environment is one compare-and-set on its in-flight count, takes no lock and allocates
 * nothing, and a single caller always finds the same, warmest environment. Adding and removing
 * environments (cold starts, retirement) happen under the pool's lock, off the warm path; the array
 * grows when a new environment finds no free slot. Idle expiry is a periodic scan by the watchdog's
 * housekeeping, which retires environments unused for longer than the idle timeout.
 *
 * <p>A Caffeine cache was the first plan for idle expiry, but a cache maps keys to values and a
 * pool hands out interchangeable objects: emulating take-and-return on a cache costs a map removal
 * and insertion per invocation, which the warm path cannot afford.
 */
public final class EnvironmentPool {
  private final int perEnvironmentConcurrency;
  private final boolean provisioned;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile AtomicReferenceArray<@Nullable Environment> environments =
      new AtomicReferenceArray<>(4);
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
   * @param perEnvironmentConcurrency how many invocations one environment serves at once
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
   * Takes a warm environment for one invocation.
   *
   * @return the environment, or null if none is free (start one)
   */
  public @Nullable Environment acquire() {
    AtomicReferenceArray<@Nullable Environment> envs = environments;
    int length = envs.length(); // a power of two: 4, then doubled
    int start = probe(length);
    for (int i = 0; i < length; i++) {
      int index = (start + i) & (length - 1);
      Environment environment = envs.getAcquire(index);
      if (environment != null && environment.tryAcquire(perEnvironmentConcurrency)) {
        return environment;
      }
    }
    return null;
  }

  /**
   * Adds an environment just started for an invocation (and claimed by it).
   *
   * @param environment the environment
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
      AtomicReferenceArray<@Nullable Environment> envs = environments;
      for (int i = 0; i < envs.length(); i++) {
        if (envs.get(i) == null) {
          envs.set(i, environment);
          return true;
        }
      }
      AtomicReferenceArray<@Nullable Environment> bigger =
          new AtomicReferenceArray<>(envs.length() * 2);
      for (int i = 0; i < envs.length(); i++) {
        bigger.set(i, envs.get(i));
      }
      bigger.set(envs.length(), environment);
      environments = bigger;
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
    if ((environment.discardRequested() || retired || draining)
        && left == 0
        && environment.retireIfIdle()) {
      remove(environment);
      return true;
    }
    return false;
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
      AtomicReferenceArray<@Nullable Environment> envs = environments;
      for (int i = 0; i < envs.length(); i++) {
        Environment environment = envs.get(i);
        if (environment != null
            && environment.inFlight() == 0
            && (all || environment.lastReleasedNanos() - idleSinceNanos < 0)
            && environment.retireIfIdle()) {
          envs.set(i, null);
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
      AtomicReferenceArray<@Nullable Environment> envs = environments;
      for (int i = 0; i < envs.length(); i++) {
        Environment environment = envs.get(i);
        if (environment != null) {
          environment.requestDiscard();
          if (environment.retireIfIdle()) {
            envs.set(i, null);
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
      AtomicReferenceArray<@Nullable Environment> envs = environments;
      int excess = size() - keep;
      for (int i = 0; i < envs.length() && excess > 0; i++) {
        Environment environment = envs.get(i);
        if (environment != null && environment.retireIfIdle()) {
          envs.set(i, null);
          retiredNow.add(environment);
          excess--;
        }
      }
      for (int i = 0; i < envs.length() && excess > 0; i++) {
        Environment environment = envs.get(i);
        if (environment != null && !environment.discardRequested()) {
          environment.requestDiscard();
          excess--;
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
    int count = 0;
    AtomicReferenceArray<@Nullable Environment> envs = environments;
    for (int i = 0; i < envs.length(); i++) {
      if (envs.get(i) != null) {
        count++;
      }
    }
    return count;
  }

  private void remove(Environment environment) {
    lock.lock();
    try {
      AtomicReferenceArray<@Nullable Environment> envs = environments;
      for (int i = 0; i < envs.length(); i++) {
        if (envs.get(i) == environment) {
          envs.set(i, null);
          return;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private static int probe(int length) {
    long h = Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 33) & (length - 1);
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.Qualifier;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.core.execution.Environment;
import dev.lambdaembedded.core.execution.EnvironmentPool;
import dev.lambdaembedded.core.execution.FunctionSpec;
import dev.lambdaembedded.core.execution.InitFailure;
import dev.lambdaembedded.core.json.JsonCodec;
import dev.lambdaembedded.core.observe.FunctionCounters;
import java.lang.reflect.Type;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One function version as the invocation path sees it: its spec, its pools of environments (on
 * demand, and provisioned when provisioned concurrency is configured), its JSON codec, its own
 * invocation and error counts while a rollout watches it, and the function's counters and
 * reservation (shared with its other versions).
 */
public final class FunctionState {
  final Engine engine;
  final FunctionSpec spec;
  final EnvironmentPool pool;
  final JsonCodec codec;
  final FunctionCounters counters;
  final Reservation reservation;
  final long timeoutNanos;
  final String arn;
  private volatile @Nullable VersionCounts counts; // only while something watches this version
  private final ReentrantLock provisioning = new ReentrantLock();
  volatile @Nullable EnvironmentPool provisioned;

  /**
   * Creates the state of a function version.
   *
   * @param engine the runtime's engine
   * @param spec the version
   * @param counters the function's counters
   * @param reservation the function's reservation
   */
  public FunctionState(
      Engine engine, FunctionSpec spec, FunctionCounters counters, Reservation reservation) {
    this.engine = requireNonNull(engine);
    this.spec = requireNonNull(spec);
    this.counters = requireNonNull(counters);
    this.reservation = requireNonNull(reservation);
    this.pool = new EnvironmentPool(spec.config().perEnvironmentConcurrency());
    this.codec = spec.codec();
    this.timeoutNanos = spec.config().timeout().toNanos();
    this.arn = engine.settings().functionArn(spec.functionName());
  }

  /**
   * Counts an invocation that reached the function, for the function and this version.
   *
   * @param nanos its duration
   */
  void invoked(long nanos) {
    counters.invoked(nanos);
    VersionCounts watched = counts;
    if (watched != null) {
      watched.invocations.increment();
    }
  }

  /** Counts a function error (timeouts included), for the function and this version. */
  void errored() {
    counters.error();
    VersionCounts watched = counts;
    if (watched != null) {
      watched.errors.increment();
    }
  }

  /**
   * Starts counting this version's own invocations and errors, for a rollout that judges it; the
   * warm path of an unwatched version pays one volatile read instead of a counter update.
   */
  public synchronized void watch() {
    if (counts == null) {
      counts = new VersionCounts();
    }
  }

  /** A version's own counts, kept only while watched. */
  private static final class VersionCounts {
    final LongAdder invocations = new LongAdder();
    final LongAdder errors = new LongAdder();
  }

  /**
   * Returns the invocations of this version that reached the function since it was first watched.
   *
   * @return the count, zero if it was never watched
   */
  public long invocations() {
    VersionCounts watched = counts;
    return watched == null ? 0 : watched.invocations.sum();
  }

  /**
   * Returns the invocations of this version that ended in a function error or timeout since it was
   * first watched.
   *
   * @return the count, zero if it was never watched
   */
  public long errors() {
    VersionCounts watched = counts;
    return watched == null ? 0 : watched.errors.sum();
  }

  /**
   * Takes a warm environment: a provisioned one first, then an on-demand one.
   *
   * @return the environment, or null if a new one must be started
   */
  @Nullable Environment acquire() {
    EnvironmentPool reserved = provisioned;
    if (reserved != null) {
      Environment environment = reserved.acquire();
      if (environment != null) {
        counters.provisionedInvocation();
        return environment;
      }
      counters.spilloverInvocation();
    }
    return pool.acquire();
  }

  /**
   * Sets the number of provisioned environments: starts missing ones before returning, or retires
   * extra ones (busy ones when their invocations return). Serialised per version.
   *
   * @param count the environments wanted; 0 removes the provisioned pool
   * @return the outcome: the environments provisioned now, and the first init failure
   */
  public Provisioning provision(int count) {
    provisioning.lock();
    try {
      EnvironmentPool current = provisioned;
      if (count == 0) {
        if (current != null) {
          provisioned = null;
          for (Environment environment : current.retireAll()) {
            engine.retire(environment, ShutdownReason.SPINDOWN);
          }
        }
        return new Provisioning(0, null);
      }
      EnvironmentPool target =
          current != null
              ? current
              : new EnvironmentPool(spec.config().perEnvironmentConcurrency(), true);
      for (Environment environment : target.shrinkTo(count)) {
        engine.retire(environment, ShutdownReason.SPINDOWN);
      }
      String failure = null;
      while (target.size() < count && failure == null) {
        InitRun init = InitRun.start(engine, this, target);
        Environment environment = init.environment();
        if (environment == null) {
          InitFailure cause = init.failure();
          if (cause != null) { // as Lambda's runtime logs an init error, with its cause chain
            spec.log().write(LogRecord.Source.FUNCTION, LogLevel.ERROR, null, cause.reportable());
          }
          failure =
              cause != null
                  ? cause.error().errorType() + ": " + cause.error().errorMessage()
                  : "Init phase timed out after "
                      + engine.settings().initTimeout().toSeconds()
                      + " seconds";
          spec.log()
              .write(
                  LogRecord.Source.PLATFORM,
                  LogLevel.ERROR,
                  null,
                  "Provisioned concurrency init failed: " + failure);
        } else {
          environment.takeInitDurationNanos(); // initialised ahead: no REPORT line shows it
          target.add(environment); // refused by a retired pool: then retired right here
          if (target.release(environment, engine.timeSource().nanoTime())) {
            engine.retire(environment, ShutdownReason.SPINDOWN);
          }
        }
      }
      provisioned = target; // published once its environments are warm
      return new Provisioning(target.size(), failure);
    } finally {
      provisioning.unlock();
    }
  }

  /**
   * The outcome of {@link #provision(int)}.
   *
   * @param environments the provisioned environments alive now
   * @param failure the first init failure, as {@code errorType: errorMessage}, or null
   */
  public record Provisioning(int environments, @Nullable String failure) {}

  /**
   * Returns the provisioned environments alive now.
   *
   * @return the count
   */
  public int provisionedEnvironments() {
    EnvironmentPool reserved = provisioned;
    return reserved == null ? 0 : reserved.size();
  }

  /**
   * Drains this version, once no alias routes to it: idle on-demand environments retire now, busy
   * ones when their invocations return, until it is used again.
   */
  public void drain() {
    for (Environment environment : pool.drain()) {
      engine.retire(environment, ShutdownReason.SPINDOWN);
    }
  }

  /** Keeps this version's environments warm again: an alias routes to it or a caller names it. */
  public void keep() {
    pool.keep();
  }

  /** Ends draining when a caller names the version; a volatile read when it is not draining. */
  void keepIfDraining() {
    if (pool.draining()) {
      pool.keep();
    }
  }

  /**
   * Returns a cached reader of the given type from this version's codec.
   *
   * @param type the type
   * @return the reader
   */
  JsonCodec.Reader reader(Type type) {
    return codec.cachedReader(type);
  }

  /**
   * Returns the version's spec.
   *
   * @return the spec
   */
  public FunctionSpec spec() {
    return spec;
  }

  /**
   * Returns the function's counters.
   *
   * @return the counters
   */
  public FunctionCounters counters() {
    return counters;
  }

  /**
   * Returns the environments alive in this version's pool.
   *
   * @return the count
   */
  public int environments() {
    return pool.size() + provisionedEnvironments();
  }

  /** Retires this version: idle environments now, busy ones when their invocations return. */
  public void retire() {
    provisioning.lock();
    try {
      EnvironmentPool reserved = provisioned;
      provisioned = null;
      if (reserved != null) {
        for (Environment environment : reserved.retireAll()) {
          engine.retire(environment, ShutdownReason.SPINDOWN);
        }
      }
    } finally {
      provisioning.unlock();
    }
    for (Environment environment : pool.retireAll()) {
      engine.retire(environment, ShutdownReason.SPINDOWN);
    }
  }

  /**
   * Retires environments idle for longer than the runtime's idle timeout.
   *
   * @param nowNanos the time
   */
  public void retireIdle(long nowNanos) {
    long idleSince = nowNanos - engine.settings().idleTimeout().toNanos();
    for (Environment environment : pool.retireIdle(idleSince)) {
      engine.retire(environment, ShutdownReason.SPINDOWN);
    }
  }

  /**
   * Returns the ARN an invocation named, qualified when the caller named a version or alias.
   *
   * @param qualifier the qualifier text the caller used
   * @return the invoked ARN
   */
  String invokedArn(String qualifier) {
    if (qualifier.indexOf(':') < 0) {
      return arn;
    }
    return Qualifier.parse(qualifier).qualifier().map(q -> arn + ":" + q).orElse(arn);
  }
}

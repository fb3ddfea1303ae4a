/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.invoke;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.Qualifier;
import dev.lambdaembedded.api.handler.ShutdownReason;
import dev.lambdaembedded.core.execution.Environment;
import dev.lambdaembedded.core.execution.EnvironmentPool;
import dev.lambdaembedded.core.execution.FunctionSpec;
import dev.lambdaembedded.core.json.JsonCodec;
import dev.lambdaembedded.core.observe.FunctionCounters;
import java.lang.reflect.Type;

/**
 * One function version as the invocation path sees it: its spec, its pool of environments, its JSON
 * codec, and the function's counters and reservation (shared with its other versions).
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
    return pool.size();
  }

  /** Retires this version: idle environments now, busy ones when their invocations return. */
  public void retire() {
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

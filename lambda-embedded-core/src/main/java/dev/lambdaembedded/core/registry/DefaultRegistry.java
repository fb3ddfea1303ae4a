/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.registry;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.FunctionInfo;
import dev.lambdaembedded.api.FunctionMetrics;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.Qualifier;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.execution.FunctionSpec;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import dev.lambdaembedded.core.invoke.Engine;
import dev.lambdaembedded.core.invoke.FunctionResolver;
import dev.lambdaembedded.core.invoke.FunctionState;
import dev.lambdaembedded.core.invoke.Reservation;
import dev.lambdaembedded.core.invoke.Reservations;
import dev.lambdaembedded.core.observe.FunctionCounters;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * The runtime's functions: an immutable map swapped atomically on every change.
 *
 * <p>Reads (every invocation resolves its qualifier here) are a volatile read and a map lookup;
 * changes are serialised by a lock, validated completely before anything is swapped, and so either
 * apply whole or leave the registry as it was.
 */
public final class DefaultRegistry implements FunctionRegistry, FunctionResolver {
  private final Engine engine;
  private final RuntimeSettings settings;
  private final Reservations reservations;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Map<String, FunctionEntry> functions = Map.of();
  private volatile boolean open = true;

  /**
   * Creates an empty registry.
   *
   * @param engine the runtime's engine
   */
  public DefaultRegistry(Engine engine) {
    this.engine = requireNonNull(engine);
    this.settings = engine.settings();
    this.reservations = new Reservations(engine);
  }

  @Override
  public FunctionInfo create(FunctionConfig config, FunctionCode code) {
    requireNonNull(config, "config");
    requireNonNull(code, "code");
    lock.lock();
    try {
      ensureOpen();
      String name = config.functionName();
      if (functions.containsKey(name)) {
        throw new ResourceConflictException("Function already exist: " + name, name);
      }
      checkCode(config, code);
      reservations.check(name, config.reservedConcurrency(), null);
      FunctionCounters counters = new FunctionCounters();
      Reservation reservation = new Reservation();
      FunctionEntry created =
          new FunctionEntry(
              info(config),
              code,
              newState(config, code, counters, reservation),
              counters,
              reservation);
      reservations.apply(reservation, config.reservedConcurrency());
      swap(name, created);
      return created.info();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public FunctionInfo updateCode(String functionName, FunctionCode code) {
    requireNonNull(functionName, "functionName");
    requireNonNull(code, "code");
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      FunctionConfig config = entry.info().config();
      checkCode(config, code);
      FunctionEntry updated =
          new FunctionEntry(
              info(config),
              code,
              newState(config, code, entry.counters(), entry.reservation()),
              entry.counters(),
              entry.reservation());
      swap(functionName, updated);
      entry.state().retire();
      return updated.info();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public FunctionInfo updateConfig(FunctionConfig config) {
    requireNonNull(config, "config");
    lock.lock();
    try {
      ensureOpen();
      String name = config.functionName();
      FunctionEntry entry = existing(name);
      checkCode(config, entry.code());
      reservations.check(name, config.reservedConcurrency(), entry.reservation());
      FunctionEntry updated =
          new FunctionEntry(
              info(config),
              entry.code(),
              newState(config, entry.code(), entry.counters(), entry.reservation()),
              entry.counters(),
              entry.reservation());
      reservations.apply(entry.reservation(), config.reservedConcurrency());
      swap(name, updated);
      entry.state().retire();
      return updated.info();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<FunctionInfo> get(String functionName) {
    requireNonNull(functionName, "functionName");
    FunctionEntry entry = functions.get(functionName);
    return entry == null ? Optional.empty() : Optional.of(entry.info());
  }

  @Override
  public List<FunctionInfo> list() {
    return functions.values().stream()
        .map(FunctionEntry::info)
        .sorted(Comparator.comparing(FunctionInfo::functionName))
        .toList();
  }

  @Override
  public void delete(String functionName) {
    requireNonNull(functionName, "functionName");
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      Map<String, FunctionEntry> next = new HashMap<>(functions);
      next.remove(functionName);
      functions = Map.copyOf(next);
      reservations.apply(entry.reservation(), OptionalInt.empty());
      entry.state().retire();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public FunctionState resolve(String qualifier) {
    FunctionEntry entry = functions.get(qualifier);
    if (entry != null) {
      return entry.state();
    }
    Qualifier parsed = Qualifier.parse(qualifier);
    entry = functions.get(parsed.functionName());
    if (entry == null || !parsed.isLatest()) {
      throw new ResourceNotFoundException(
          "Function not found: "
              + settings.functionArn(parsed.functionName())
              + parsed.qualifier().map(q -> ":" + q).orElse(""),
          qualifier);
    }
    return entry.state();
  }

  /**
   * Returns a function's counters.
   *
   * @param functionName the function
   * @param running counts the function's running invocations
   * @return the snapshot, or empty if there is no such function
   */
  public Optional<FunctionMetrics> metrics(String functionName, ToIntFunction<String> running) {
    FunctionEntry entry = functions.get(functionName);
    if (entry == null) {
      return Optional.empty();
    }
    FunctionCounters counters = entry.counters();
    return Optional.of(
        new FunctionMetrics(
            functionName,
            counters.invocations(),
            counters.errors(),
            counters.throttles(),
            counters.timeouts(),
            counters.coldStarts(),
            running.applyAsInt(functionName),
            counters.stuck(),
            entry.state().environments(),
            counters.durationNanos()));
  }

  /**
   * Returns the stuck handlers of all functions.
   *
   * @return the count
   */
  public int stuck() {
    return functions.values().stream().mapToInt(entry -> entry.counters().stuck()).sum();
  }

  /**
   * Returns invocations holding a concurrency place: the unreserved pool's and every reservation's.
   *
   * @return the count
   */
  public int admitted() {
    return reservations.admitted(
        functions.values().stream().map(FunctionEntry::reservation).toList());
  }

  /**
   * Retires every function's idle environments; the watchdog's housekeeping.
   *
   * @param nowNanos the time
   */
  public void retireIdle(long nowNanos) {
    for (FunctionEntry entry : functions.values()) {
      entry.state().retireIdle(nowNanos);
    }
  }

  /** Refuses changes from now on and retires every environment. */
  public void close() {
    lock.lock();
    try {
      open = false;
      for (FunctionEntry entry : functions.values()) {
        entry.state().retire();
      }
    } finally {
      lock.unlock();
    }
  }

  private FunctionState newState(
      FunctionConfig config,
      FunctionCode code,
      FunctionCounters counters,
      Reservation reservation) {
    return new FunctionState(
        engine, new FunctionSpec(config, code, Qualifier.LATEST, settings), counters, reservation);
  }

  private FunctionInfo info(FunctionConfig config) {
    return new FunctionInfo(
        config,
        settings.functionArn(config.functionName()),
        Qualifier.LATEST,
        UUID.randomUUID().toString(),
        settings.timeSource().instant());
  }

  private FunctionEntry existing(String functionName) {
    FunctionEntry entry = functions.get(functionName);
    if (entry == null) {
      throw new ResourceNotFoundException(
          "Function not found: " + settings.functionArn(functionName), functionName);
    }
    return entry;
  }

  private void swap(String name, FunctionEntry entry) {
    Map<String, FunctionEntry> next = new HashMap<>(functions);
    next.put(name, entry);
    functions = Map.copyOf(next);
  }

  private void ensureOpen() {
    if (!open) {
      throw new IllegalStateException("The function runtime is closed");
    }
  }

  /** Code loaded by class name needs a handler string; inline code must not have one. */
  private static void checkCode(FunctionConfig config, FunctionCode code) {
    switch (code) {
      case FunctionCode.Classpath _, FunctionCode.Isolated _ -> {
        if (config.handler().isEmpty()) {
          throw InvalidParameterValueException.of(
              config.functionName(),
              "handler",
              "(none)",
              "Member is required for code loaded by class name");
        }
      }
      case FunctionCode.Inline inline -> {
        if (config.handler().isPresent()) {
          throw InvalidParameterValueException.of(
              config.functionName(),
              "handler",
              config.handler().get(),
              "Member must be absent for inline handler code");
        }
      }
    }
  }
}

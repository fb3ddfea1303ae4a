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
import dev.lambdaembedded.core.isolation.DeployedCode;
import dev.lambdaembedded.core.isolation.Isolation;
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
import org.jspecify.annotations.Nullable;

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
  private final Isolation isolation;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Map<String, FunctionEntry> functions = Map.of();
  private volatile boolean open = true;

  /**
   * Creates an empty registry.
   *
   * @param engine the runtime's engine
   * @param isolation unpacks and loads deployed code
   */
  public DefaultRegistry(Engine engine, Isolation isolation) {
    this.engine = requireNonNull(engine);
    this.isolation = requireNonNull(isolation);
    this.settings = engine.settings();
    this.reservations = new Reservations(engine);
  }

  @Override
  public FunctionInfo create(FunctionConfig config, FunctionCode code) {
    requireNonNull(config, "config");
    requireNonNull(code, "code");
    checkCode(config, code);
    String name = config.functionName();
    ensureOpen();
    if (functions.containsKey(name)) { // checked again under the lock; saves unpacking
      throw new ResourceConflictException("Function already exist: " + name, name);
    }
    DeployedCode deployed = deploy(config, code);
    boolean registered = false;
    lock.lock();
    try {
      ensureOpen();
      if (functions.containsKey(name)) {
        throw new ResourceConflictException("Function already exist: " + name, name);
      }
      reservations.check(name, config.reservedConcurrency(), null);
      FunctionCounters counters = new FunctionCounters();
      Reservation reservation = new Reservation();
      FunctionEntry created =
          new FunctionEntry(
              info(config),
              code,
              newState(config, code, counters, reservation, deployed),
              counters,
              reservation,
              deployed);
      reservations.apply(reservation, config.reservedConcurrency());
      swap(name, created);
      registered = true;
      return created.info();
    } finally {
      lock.unlock();
      if (!registered && deployed != null) {
        deployed.close();
      }
    }
  }

  @Override
  public FunctionInfo updateCode(String functionName, FunctionCode code) {
    requireNonNull(functionName, "functionName");
    requireNonNull(code, "code");
    ensureOpen();
    FunctionConfig current = existing(functionName).info().config();
    checkCode(current, code);
    DeployedCode deployed = deploy(current, code);
    boolean registered = false;
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      FunctionConfig config = entry.info().config();
      if (!config.layers().equals(current.layers())) {
        throw new ResourceConflictException(
            "The function's layers changed while its code was being updated: " + functionName,
            functionName);
      }
      FunctionEntry updated =
          new FunctionEntry(
              info(config),
              code,
              newState(config, code, entry.counters(), entry.reservation(), deployed),
              entry.counters(),
              entry.reservation(),
              deployed);
      swap(functionName, updated);
      registered = true;
      retire(entry);
      return updated.info();
    } finally {
      lock.unlock();
      if (!registered && deployed != null) {
        deployed.close();
      }
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
      DeployedCode current = entry.deployed();
      DeployedCode deployed = current == null ? null : isolation.redeploy(current, config);
      FunctionEntry updated =
          new FunctionEntry(
              info(config),
              entry.code(),
              newState(config, entry.code(), entry.counters(), entry.reservation(), deployed),
              entry.counters(),
              entry.reservation(),
              deployed);
      reservations.apply(entry.reservation(), config.reservedConcurrency());
      swap(name, updated);
      retire(entry);
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
      retire(entry);
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
        retire(entry);
      }
    } finally {
      lock.unlock();
    }
  }

  private FunctionState newState(
      FunctionConfig config,
      FunctionCode code,
      FunctionCounters counters,
      Reservation reservation,
      @Nullable DeployedCode deployed) {
    return new FunctionState(
        engine,
        new FunctionSpec(config, code, Qualifier.LATEST, settings, deployed),
        counters,
        reservation);
  }

  /** Unpacks and checks deployed code, before any lock is taken; null for other code. */
  private @Nullable DeployedCode deploy(FunctionConfig config, FunctionCode code) {
    return code instanceof FunctionCode.Isolated isolated
        ? isolation.deploy(config, isolated, Qualifier.LATEST)
        : null;
  }

  /** Retires a replaced or deleted entry's environments and lets go of its code. */
  private static void retire(FunctionEntry entry) {
    entry.state().retire();
    DeployedCode deployed = entry.deployed();
    if (deployed != null) {
      deployed.close();
    }
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
    if (!config.layers().isEmpty() && !(code instanceof FunctionCode.Isolated)) {
      throw InvalidParameterValueException.of(
          config.functionName(),
          "layers",
          config.layers(),
          "Member must be empty unless the code is deployed from an archive or directory");
    }
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

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.registry;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.AliasInfo;
import dev.lambdaembedded.api.FunctionInfo;
import dev.lambdaembedded.api.FunctionMetrics;
import dev.lambdaembedded.api.FunctionRegistry;
import dev.lambdaembedded.api.InvalidParameterValueException;
import dev.lambdaembedded.api.LambdaException;
import dev.lambdaembedded.api.ProvisionedConcurrencyInfo;
import dev.lambdaembedded.api.Qualifier;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.ResourceNotFoundException;
import dev.lambdaembedded.api.Rollout;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.api.config.RolloutPlan;
import dev.lambdaembedded.api.handler.LogLevel;
import dev.lambdaembedded.api.spi.LogRecord;
import dev.lambdaembedded.core.execution.FunctionSpec;
import dev.lambdaembedded.core.internal.RuntimeSettings;
import dev.lambdaembedded.core.invoke.Engine;
import dev.lambdaembedded.core.invoke.FunctionResolver;
import dev.lambdaembedded.core.invoke.FunctionState;
import dev.lambdaembedded.core.invoke.Reservation;
import dev.lambdaembedded.core.invoke.Reservations;
import dev.lambdaembedded.core.invoke.Route;
import dev.lambdaembedded.core.isolation.DeployedCode;
import dev.lambdaembedded.core.isolation.Isolation;
import dev.lambdaembedded.core.observe.FunctionCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's functions, versions and aliases: an immutable snapshot swapped atomically on every
 * change.
 *
 * <p>The snapshot holds the functions by name and a route for every qualifier text an invocation
 * may name ({@code fn}, {@code fn:$LATEST}, {@code fn:3}, {@code fn:live}): resolving one is a
 * volatile read and a map lookup, and an alias's route draws its version there. Changes are
 * serialised by a lock, validated completely before anything is swapped, and so either apply whole
 * or leave the registry as it was. An invocation keeps the version it resolved, so a change never
 * moves one that has started.
 */
public final class DefaultRegistry implements FunctionRegistry, FunctionResolver {
  private final Engine engine;
  private final RuntimeSettings settings;
  private final Reservations reservations;
  private final Isolation isolation;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
  private volatile boolean open = true;

  /** What invocations read: functions by name, routes by qualifier text. */
  private record Snapshot(Map<String, FunctionEntry> functions, Map<String, Route> routes) {}

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

  // ---- $LATEST ----

  @Override
  public FunctionInfo create(FunctionConfig config, FunctionCode code) {
    requireNonNull(config, "config");
    requireNonNull(code, "code");
    checkCode(config, code);
    String name = config.functionName();
    ensureOpen();
    if (snapshot.functions().containsKey(name)) { // checked again under the lock; saves unpacking
      throw new ResourceConflictException("Function already exist: " + name, name);
    }
    DeployedCode deployed = deploy(config, code);
    boolean registered = false;
    lock.lock();
    try {
      ensureOpen();
      if (snapshot.functions().containsKey(name)) {
        throw new ResourceConflictException("Function already exist: " + name, name);
      }
      reservations.check(name, config.reservedConcurrency(), null);
      FunctionCounters counters = new FunctionCounters();
      Reservation reservation = new Reservation();
      FunctionEntry created =
          new FunctionEntry(
              name,
              latest(config, code, counters, reservation, deployed),
              new TreeMap<>(),
              Map.of(),
              Map.of(),
              0,
              counters,
              reservation,
              Map.of());
      reservations.apply(reservation, config.reservedConcurrency());
      publish(name, null, created);
      registered = true;
      return created.latest().info();
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
    FunctionConfig current = existing(functionName).latest().info().config();
    checkCode(current, code);
    DeployedCode deployed = deploy(current, code);
    boolean registered = false;
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      FunctionConfig config = entry.latest().info().config();
      if (!config.layers().equals(current.layers())) {
        throw new ResourceConflictException(
            "The function's layers changed while its code was being updated: " + functionName,
            functionName);
      }
      VersionEntry updated = latest(config, code, entry.counters(), entry.reservation(), deployed);
      publish(functionName, entry, entry.withLatest(updated));
      registered = true;
      entry.latest().retire();
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
      VersionEntry current = entry.latest();
      checkCode(config, current.code());
      reservations.check(name, config.reservedConcurrency(), entry.reservation());
      int provisioned = entry.provisionedTotal(null, 0);
      if (config.reservedConcurrency().isPresent()
          && provisioned > config.reservedConcurrency().getAsInt()) {
        throw InvalidParameterValueException.of(
            name,
            "reservedConcurrency",
            config.reservedConcurrency().getAsInt(),
            "Member must be at least the function's provisioned concurrency " + provisioned);
      }
      DeployedCode currentCode = current.deployed();
      DeployedCode deployed = currentCode == null ? null : isolation.redeploy(currentCode, config);
      VersionEntry updated =
          latest(config, current.code(), entry.counters(), entry.reservation(), deployed);
      reservations.apply(entry.reservation(), config.reservedConcurrency());
      publish(name, entry, entry.withLatest(updated));
      current.retire();
      return updated.info();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<FunctionInfo> get(String functionName) {
    requireNonNull(functionName, "functionName");
    Map<String, FunctionEntry> functions = snapshot.functions();
    if (functionName.indexOf(':') < 0) {
      FunctionEntry entry = functions.get(functionName);
      return entry == null ? Optional.empty() : Optional.of(entry.latest().info());
    }
    Qualifier qualifier = Qualifier.parse(functionName);
    FunctionEntry entry = functions.get(qualifier.functionName());
    if (entry == null) {
      return Optional.empty();
    }
    String name = qualifier.qualifier().orElse(Qualifier.LATEST);
    AliasEntry alias = entry.aliases().get(name);
    VersionEntry version = entry.version(alias == null ? name : alias.config().functionVersion());
    return version == null ? Optional.empty() : Optional.of(describe(entry, version));
  }

  @Override
  public List<FunctionInfo> list() {
    return snapshot.functions().values().stream()
        .map(entry -> entry.latest().info())
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
      publish(functionName, entry, null);
      reservations.apply(entry.reservation(), OptionalInt.empty());
      for (VersionEntry version : entry.allVersions()) {
        version.retire();
      }
      cancelRollouts(entry, "the function was deleted");
    } finally {
      lock.unlock();
    }
  }

  // ---- versions ----

  @Override
  public FunctionInfo publishVersion(String functionName, String description) {
    requireNonNull(functionName, "functionName");
    requireNonNull(description, "description");
    if (description.length() > 256) {
      throw InvalidParameterValueException.of(
          functionName,
          "description",
          description.length() + " characters",
          "Member must have length less than or equal to 256");
    }
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      VersionEntry latest = entry.latest();
      if (!entry.versions().isEmpty()) {
        VersionEntry last = requireNonNull(entry.versions().get(entry.versions().lastKey()));
        if (last.sameCode(latest)
            && versioned(last.source()).equals(versioned(latest.info().config()))) {
          return describe(entry, last); // nothing changed since: Lambda returns the last version
        }
      }
      long number = entry.lastVersion() + 1;
      String version = Long.toString(number);
      FunctionConfig config =
          description.isEmpty()
              ? latest.info().config()
              : latest.info().config().toBuilder().description(description).build();
      DeployedCode latestCode = latest.deployed();
      DeployedCode deployed = latestCode == null ? null : latestCode.forVersion(version);
      VersionEntry published =
          new VersionEntry(
              info(config, version, deployed),
              latest.code(),
              newState(config, latest.code(), version, entry, deployed),
              deployed,
              latest.info().config());
      SortedMap<Long, VersionEntry> versions = new TreeMap<>(entry.versions());
      versions.put(number, published);
      FunctionEntry next = entry.withVersions(versions, number);
      publish(functionName, entry, next);
      return describe(next, published);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<FunctionInfo> listVersions(String functionName) {
    requireNonNull(functionName, "functionName");
    FunctionEntry entry = existing(functionName);
    return entry.allVersions().stream().map(version -> describe(entry, version)).toList();
  }

  @Override
  public void deleteVersion(String functionName, String version) {
    requireNonNull(functionName, "functionName");
    requireNonNull(version, "version");
    if (!version.matches("[0-9]{1,18}")) {
      throw InvalidParameterValueException.of(
          functionName,
          "qualifier",
          version,
          "Member must be a published version number ([0-9]+): $LATEST is deleted with the"
              + " function, an alias with deleteAlias");
    }
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      VersionEntry deleted = entry.version(version);
      if (deleted == null) {
        throw notFound(functionName, version);
      }
      List<String> aliases = entry.aliasesRoutingTo(version);
      if (!aliases.isEmpty()) {
        throw new ResourceConflictException(
            "Unable to delete version because the following aliases reference it: " + aliases,
            functionName + ":" + version);
      }
      if (entry.provisioned().containsKey(version)) {
        throw new ResourceConflictException(
            "Unable to delete version "
                + version
                + " while provisioned concurrency is configured on it; delete that first",
            functionName + ":" + version);
      }
      SortedMap<Long, VersionEntry> versions = new TreeMap<>(entry.versions());
      versions.remove(Long.parseLong(version));
      Map<String, EventInvokeConfig> configs = new HashMap<>(entry.eventConfigs());
      configs.remove(version);
      publish(
          functionName,
          entry,
          entry.withVersions(versions, entry.lastVersion()).withEventConfigs(configs));
      deleted.retire();
    } finally {
      lock.unlock();
    }
  }

  // ---- aliases ----

  @Override
  public AliasInfo createAlias(String functionName, AliasConfig alias) {
    requireNonNull(functionName, "functionName");
    requireNonNull(alias, "alias");
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      if (entry.aliases().containsKey(alias.name())) {
        throw new ResourceConflictException(
            "Alias already exists: " + aliasArn(functionName, alias.name()),
            functionName + ":" + alias.name());
      }
      checkTargets(entry, alias);
      return applyAlias(entry, alias, null);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public AliasInfo updateAlias(String functionName, AliasConfig alias) {
    requireNonNull(functionName, "functionName");
    requireNonNull(alias, "alias");
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      AliasEntry current = existingAlias(entry, alias.name());
      refuseDuringRollout(current, "update");
      checkTargets(entry, alias);
      return applyAlias(entry, alias, null);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<AliasInfo> getAlias(String functionName, String aliasName) {
    requireNonNull(functionName, "functionName");
    requireNonNull(aliasName, "aliasName");
    FunctionEntry entry = snapshot.functions().get(functionName);
    AliasEntry alias = entry == null ? null : entry.aliases().get(aliasName);
    return alias == null ? Optional.empty() : Optional.of(alias.info());
  }

  @Override
  public List<AliasInfo> listAliases(String functionName) {
    requireNonNull(functionName, "functionName");
    return existing(functionName).aliases().values().stream()
        .map(AliasEntry::info)
        .sorted(Comparator.comparing(AliasInfo::name))
        .toList();
  }

  @Override
  public void deleteAlias(String functionName, String aliasName) {
    requireNonNull(functionName, "functionName");
    requireNonNull(aliasName, "aliasName");
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      AliasEntry alias = existingAlias(entry, aliasName);
      refuseDuringRollout(alias, "delete");
      Map<String, AliasEntry> aliases = new HashMap<>(entry.aliases());
      aliases.remove(aliasName);
      Map<String, ProvisionedConfig> provisioned = new HashMap<>(entry.provisioned());
      provisioned.remove(aliasName);
      Map<String, EventInvokeConfig> configs = new HashMap<>(entry.eventConfigs());
      configs.remove(aliasName);
      commit(
          entry, entry.withAliases(aliases).withProvisioned(provisioned).withEventConfigs(configs));
    } finally {
      lock.unlock();
    }
  }

  /** Puts an alias into a function, provisions what it needs, swaps, then drains what it left. */
  private AliasInfo applyAlias(
      FunctionEntry entry, AliasConfig alias, @Nullable RolloutTask rollout) {
    AliasEntry updated =
        new AliasEntry(
            new AliasInfo(
                alias,
                aliasArn(entry.name(), alias.name()),
                UUID.randomUUID().toString(),
                settings.timeSource().instant()),
            rollout);
    Map<String, AliasEntry> aliases = new HashMap<>(entry.aliases());
    aliases.put(alias.name(), updated);
    FunctionEntry next = entry.withAliases(aliases);
    if (next.provisioned().containsKey(alias.name())) {
      if (alias.functionVersion().equals(Qualifier.LATEST)) {
        throw unpublished(entry.name(), alias.name());
      }
      next.checkProvisionedSources();
    }
    commit(entry, next);
    return updated.info();
  }

  // ---- provisioned concurrency ----

  @Override
  public ProvisionedConcurrencyInfo putProvisionedConcurrency(
      String functionName, String qualifier, int executions) {
    requireNonNull(functionName, "functionName");
    requireNonNull(qualifier, "qualifier");
    if (executions < 1) {
      throw InvalidParameterValueException.of(
          functionName + ":" + qualifier,
          "provisionedConcurrentExecutions",
          executions,
          "Member must have value greater than or equal to 1");
    }
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      checkProvisionable(entry, qualifier);
      int total = entry.provisionedTotal(qualifier, executions);
      OptionalInt reserved = entry.latest().info().config().reservedConcurrency();
      int limit = reserved.isPresent() ? reserved.getAsInt() : reservations.reservable();
      if (total > limit) {
        throw InvalidParameterValueException.of(
            functionName + ":" + qualifier,
            "provisionedConcurrentExecutions",
            executions,
            reserved.isPresent()
                ? "Requested Provisioned Concurrency should not be greater than the"
                    + " reservedConcurrentExecution for function: the function's provisioned"
                    + " concurrency would be "
                    + total
                    + ", its reserved concurrency is "
                    + limit
                : "The function's provisioned concurrency would be "
                    + total
                    + ", but the account can reserve only "
                    + limit
                    + " more (the unreserved minimum must stay free)");
      }
      Map<String, ProvisionedConfig> provisioned = new HashMap<>(entry.provisioned());
      provisioned.put(
          qualifier,
          new ProvisionedConfig(
              executions,
              settings.timeSource().instant(),
              ProvisionedConcurrencyInfo.Status.IN_PROGRESS,
              Optional.empty()));
      FunctionEntry next = entry.withProvisioned(provisioned);
      next.checkProvisionedSources();
      FunctionEntry committed = commit(entry, next);
      return provisionedInfo(
          committed, qualifier, requireNonNull(committed.provisioned().get(qualifier)));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<ProvisionedConcurrencyInfo> getProvisionedConcurrency(
      String functionName, String qualifier) {
    requireNonNull(functionName, "functionName");
    requireNonNull(qualifier, "qualifier");
    FunctionEntry entry = snapshot.functions().get(functionName);
    if (entry == null) {
      return Optional.empty();
    }
    ProvisionedConfig config = entry.provisioned().get(qualifier);
    return config == null
        ? Optional.empty()
        : Optional.of(provisionedInfo(entry, qualifier, config));
  }

  @Override
  public void deleteProvisionedConcurrency(String functionName, String qualifier) {
    requireNonNull(functionName, "functionName");
    requireNonNull(qualifier, "qualifier");
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      if (!entry.provisioned().containsKey(qualifier)) {
        throw new ResourceNotFoundException(
            "No Provisioned Concurrency Config found for this function: "
                + settings.functionArn(functionName)
                + ":"
                + qualifier,
            functionName + ":" + qualifier);
      }
      Map<String, ProvisionedConfig> provisioned = new HashMap<>(entry.provisioned());
      provisioned.remove(qualifier);
      commit(entry, entry.withProvisioned(provisioned));
    } finally {
      lock.unlock();
    }
  }

  /** A version or alias of published versions can be provisioned; $LATEST cannot. */
  private void checkProvisionable(FunctionEntry entry, String qualifier) {
    if (qualifier.equals(Qualifier.LATEST)) {
      throw unpublished(entry.name(), qualifier);
    }
    AliasEntry alias = entry.aliases().get(qualifier);
    if (alias != null) {
      if (alias.config().functionVersion().equals(Qualifier.LATEST)) {
        throw unpublished(entry.name(), qualifier);
      }
      return;
    }
    if (entry.version(qualifier) == null) {
      throw notFound(entry.name(), qualifier);
    }
  }

  private InvalidParameterValueException unpublished(String functionName, String qualifier) {
    return InvalidParameterValueException.of(
        functionName + ":" + qualifier,
        "qualifier",
        qualifier,
        "Provisioned Concurrency Configs cannot be applied to unpublished function versions:"
            + " name a published version, or an alias pointing to one");
  }

  private ProvisionedConcurrencyInfo provisionedInfo(
      FunctionEntry entry, String qualifier, ProvisionedConfig config) {
    int allocated = 0;
    for (String version : entry.versionsOf(qualifier)) {
      VersionEntry target = entry.version(version);
      if (target != null) {
        allocated += target.state().provisionedEnvironments();
      }
    }
    boolean inProgress = config.status() == ProvisionedConcurrencyInfo.Status.IN_PROGRESS;
    return new ProvisionedConcurrencyInfo(
        settings.functionArn(entry.name()) + ":" + qualifier,
        config.requested(),
        allocated,
        inProgress ? 0 : allocated,
        config.status(),
        config.statusReason(),
        config.lastModified());
  }

  /**
   * Makes a changed function current: starts the provisioned environments it needs before traffic
   * can reach them, swaps the snapshot, then retires provisioned environments it no longer needs
   * and drains published versions no alias routes to any longer.
   */
  private FunctionEntry commit(FunctionEntry previous, FunctionEntry next) {
    Map<String, Integer> desired = next.desiredProvisioned();
    Map<String, Integer> desiredBefore = previous.desiredProvisioned();
    Map<String, String> failures = new HashMap<>();
    List<String> provisionedNow = new ArrayList<>();
    for (VersionEntry version : next.allVersions()) {
      String number = version.info().version();
      int wanted = desired.getOrDefault(number, 0);
      if (wanted > version.state().provisionedEnvironments()) {
        FunctionState.Provisioning outcome = version.state().provision(wanted);
        provisionedNow.add(number);
        if (outcome.failure() != null) {
          failures.put(number, outcome.failure());
        }
      }
    }
    Map<String, ProvisionedConfig> configs = new LinkedHashMap<>();
    for (Map.Entry<String, ProvisionedConfig> config : next.provisioned().entrySet()) {
      List<String> versions = next.versionsOf(config.getKey());
      ProvisionedConfig value = config.getValue();
      if (value.status() == ProvisionedConcurrencyInfo.Status.IN_PROGRESS
          || versions.stream().anyMatch(provisionedNow::contains)) {
        value =
            value.withOutcome(
                versions.stream().map(failures::get).filter(f -> f != null).findFirst());
      }
      configs.put(config.getKey(), value);
    }
    FunctionEntry committed = next.withProvisioned(configs);
    publish(committed.name(), previous, committed);
    for (VersionEntry version : committed.allVersions()) {
      int wanted = desired.getOrDefault(version.info().version(), 0);
      if (wanted < version.state().provisionedEnvironments()
          || (wanted == 0 && version.state().provisionedEnvironments() > 0)) {
        version.state().provision(wanted);
      }
    }
    for (VersionEntry version : committed.versions().values()) {
      String number = version.info().version();
      if (committed.routed(number, desired)) {
        version.state().keep();
      } else if (previous.routed(number, desiredBefore)) {
        version.state().drain();
      }
    }
    return committed;
  }

  // ---- asynchronous invocation ----

  @Override
  public void putEventInvokeConfig(
      String functionName, String qualifier, EventInvokeConfig config) {
    requireNonNull(functionName, "functionName");
    requireNonNull(qualifier, "qualifier");
    requireNonNull(config, "config");
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      if (entry.version(qualifier) == null && !entry.aliases().containsKey(qualifier)) {
        throw notFound(functionName, qualifier);
      }
      Map<String, EventInvokeConfig> configs = new HashMap<>(entry.eventConfigs());
      configs.put(qualifier, config);
      publish(functionName, entry, entry.withEventConfigs(configs));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<EventInvokeConfig> getEventInvokeConfig(String functionName, String qualifier) {
    requireNonNull(functionName, "functionName");
    requireNonNull(qualifier, "qualifier");
    FunctionEntry entry = snapshot.functions().get(functionName);
    return entry == null
        ? Optional.empty()
        : Optional.ofNullable(entry.eventConfigs().get(qualifier));
  }

  @Override
  public void deleteEventInvokeConfig(String functionName, String qualifier) {
    requireNonNull(functionName, "functionName");
    requireNonNull(qualifier, "qualifier");
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      if (!entry.eventConfigs().containsKey(qualifier)) {
        throw new ResourceNotFoundException(
            "The function "
                + settings.functionArn(functionName)
                + ":"
                + qualifier
                + " doesn't have an EventInvokeConfig",
            functionName + ":" + qualifier);
      }
      Map<String, EventInvokeConfig> configs = new HashMap<>(entry.eventConfigs());
      configs.remove(qualifier);
      publish(functionName, entry, entry.withEventConfigs(configs));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Describes where an asynchronous event sent to a qualifier goes: its function, the qualified ARN
   * of its records, its event invoke configuration and dead-letter target.
   *
   * @param qualifier the qualifier text the event was sent to
   * @return the description
   * @throws ResourceNotFoundException if the qualifier names nothing (any more)
   * @throws InvalidParameterValueException if it is malformed
   */
  public AsyncTarget asyncTarget(String qualifier) {
    Qualifier parsed = qualifier.indexOf(':') < 0 ? null : Qualifier.parse(qualifier);
    String functionName = parsed == null ? qualifier : parsed.functionName();
    FunctionEntry entry = snapshot.functions().get(functionName);
    String name = parsed == null ? Qualifier.LATEST : parsed.qualifier().orElse(Qualifier.LATEST);
    AliasEntry alias = entry == null ? null : entry.aliases().get(name);
    VersionEntry version =
        entry == null
            ? null
            : entry.version(alias == null ? name : alias.config().functionVersion());
    if (entry == null || version == null) {
      if (parsed == null) {
        Qualifier.parse(qualifier); // a malformed name is invalid, not missing
      }
      throw new ResourceNotFoundException(
          "Function not found: " + settings.functionArn(functionName) + ":" + name, qualifier);
    }
    return new AsyncTarget(
        entry.name(),
        name,
        entry.eventConfigs().getOrDefault(name, EventInvokeConfig.defaults()),
        version.info().config().deadLetterTarget(),
        entry.reservation().reserved() == 0,
        entry.counters());
  }

  /**
   * Where an asynchronous event goes; see {@link #asyncTarget(String)}.
   *
   * @param functionName the function
   * @param qualifier what its records' qualified ARN ends in: the alias, version, or {@code
   *     $LATEST} for a plain name
   * @param config the event invoke configuration of the qualifier, or Lambda's defaults
   * @param deadLetterTarget the dead-letter target of the version the qualifier points to
   * @param zeroReserved whether the function's reserved concurrency is 0
   * @param counters the function's counters
   */
  public record AsyncTarget(
      String functionName,
      String qualifier,
      EventInvokeConfig config,
      Optional<String> deadLetterTarget,
      boolean zeroReserved,
      FunctionCounters counters) {}

  // ---- rollouts ----

  @Override
  public Rollout startRollout(String functionName, String aliasName, RolloutPlan plan) {
    requireNonNull(functionName, "functionName");
    requireNonNull(aliasName, "aliasName");
    requireNonNull(plan, "plan");
    lock.lock();
    try {
      ensureOpen();
      FunctionEntry entry = existing(functionName);
      AliasEntry alias = existingAlias(entry, aliasName);
      refuseDuringRollout(alias, "start another rollout on");
      AliasConfig config = alias.config();
      String resource = functionName + ":" + aliasName;
      if (!config.additionalVersionWeights().isEmpty()) {
        throw InvalidParameterValueException.of(
            resource,
            "routingConfig",
            config.additionalVersionWeights(),
            "Member must be empty to start a rollout: the alias already routes to two versions");
      }
      if (config.functionVersion().equals(Qualifier.LATEST)) {
        throw InvalidParameterValueException.of(
            resource,
            "functionVersion",
            config.functionVersion(),
            "Member must be a published version to start a rollout from");
      }
      if (plan.targetVersion().equals(config.functionVersion())) {
        throw InvalidParameterValueException.of(
            resource,
            "targetVersion",
            plan.targetVersion(),
            "Member must differ from the version the alias points at");
      }
      VersionEntry target = entry.version(plan.targetVersion());
      if (target == null) {
        throw notFound(functionName, plan.targetVersion());
      }
      RolloutTask task =
          new RolloutTask(
              functionName,
              aliasName,
              config.functionVersion(),
              plan,
              target.state(),
              settings.timeSource(),
              this::cancelRollout);
      double first = plan.weights().get(0);
      AliasConfig routed = config.withRouting(plan.targetVersion(), first);
      checkTargets(entry, routed);
      applyAlias(entry, routed, task);
      String message =
          rolloutPrefix(task)
              + "started: version "
              + task.toVersion()
              + " gets "
              + RolloutTask.percent(first)
              + " of invocations, version "
              + task.fromVersion()
              + " the rest";
      report(target, message);
      task.record(new RolloutTask.Decision(RolloutTask.Action.NONE, first, 0, 0), message);
      return task;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Advances every running rollout on the runtime's clock; the watchdog's housekeeping. Decisions
   * that change an alias are applied in the background, one at a time per rollout.
   *
   * @param nowNanos the time
   */
  public void advanceRollouts(long nowNanos) {
    for (FunctionEntry entry : snapshot.functions().values()) {
      for (AliasEntry alias : entry.aliases().values()) {
        RolloutTask task = alias.rollout();
        if (task == null || task.ended() || !task.tryClaim()) {
          continue;
        }
        RolloutTask.Decision decision;
        try {
          decision = task.decide(nowNanos);
        } catch (RuntimeException e) {
          task.applied();
          throw e;
        }
        if (decision.action() == RolloutTask.Action.NONE) {
          task.applied();
        } else if (!engine.background(() -> applyRollout(task, decision))) {
          task.applied(); // the runtime is closing
        }
      }
    }
  }

  private void applyRollout(RolloutTask task, RolloutTask.Decision decision) {
    lock.lock();
    try {
      FunctionEntry entry = snapshot.functions().get(task.functionName());
      AliasEntry alias = entry == null ? null : entry.aliases().get(task.aliasName());
      if (!open || entry == null || alias == null || alias.rollout() != task || task.ended()) {
        return;
      }
      AliasConfig back = alias.config().pointingAt(task.fromVersion());
      String prefix = rolloutPrefix(task);
      AliasConfig config;
      String message;
      switch (decision.action()) {
        case SHIFT -> {
          config = back.withRouting(task.toVersion(), decision.weight());
          message =
              prefix
                  + "version "
                  + task.toVersion()
                  + " gets "
                  + RolloutTask.percent(decision.weight())
                  + " of invocations ("
                  + task.evidence(decision)
                  + ")";
        }
        case COMPLETE -> {
          config = alias.config().pointingAt(task.toVersion());
          message =
              prefix
                  + "completed: the alias points at version "
                  + task.toVersion()
                  + " ("
                  + task.evidence(decision)
                  + ")";
        }
        case ROLL_BACK -> {
          config = back;
          message =
              prefix
                  + "rolled back to version "
                  + task.fromVersion()
                  + ": error rate "
                  + RolloutTask.percent((double) decision.errors() / decision.invocations())
                  + " exceeds "
                  + RolloutTask.percent(task.maxErrorRate())
                  + " ("
                  + task.evidence(decision)
                  + ")";
        }
        default -> {
          return;
        }
      }
      VersionEntry target = requireNonNull(entry.version(task.toVersion()));
      boolean ends = decision.action() != RolloutTask.Action.SHIFT;
      try {
        applyAlias(entry, config, ends ? null : task);
      } catch (LambdaException e) {
        String cancelled = prefix + "cancelled: " + e.getMessage();
        applyAlias(entry, back, null);
        report(target, cancelled);
        task.recordCancelled(cancelled);
        return;
      }
      report(target, message);
      task.record(decision, message);
    } finally {
      lock.unlock();
      task.applied();
    }
  }

  /** Stops a rollout and points its alias back at the old version; the rollout's cancel(). */
  private boolean cancelRollout(RolloutTask task) {
    lock.lock();
    try {
      if (task.ended()) {
        return false;
      }
      String message =
          rolloutPrefix(task)
              + "cancelled: the alias points at version "
              + task.fromVersion()
              + " again";
      FunctionEntry entry = snapshot.functions().get(task.functionName());
      AliasEntry alias = entry == null ? null : entry.aliases().get(task.aliasName());
      if (open && entry != null && alias != null && alias.rollout() == task) {
        applyAlias(entry, alias.config().pointingAt(task.fromVersion()), null);
        VersionEntry target = entry.version(task.toVersion());
        if (target != null) {
          report(target, message);
        }
      }
      return task.recordCancelled(message);
    } finally {
      lock.unlock();
    }
  }

  private static void cancelRollouts(FunctionEntry entry, String reason) {
    for (AliasEntry alias : entry.aliases().values()) {
      RolloutTask task = alias.rollout();
      if (task != null) {
        task.recordCancelled(rolloutPrefix(task) + "cancelled: " + reason);
      }
    }
  }

  private static String rolloutPrefix(RolloutTask task) {
    return "ROLLOUT " + task.functionName() + ":" + task.aliasName() + " ";
  }

  private static void report(VersionEntry version, String message) {
    version.state().spec().log().write(LogRecord.Source.PLATFORM, LogLevel.INFO, null, message);
  }

  private static void refuseDuringRollout(AliasEntry alias, String action) {
    RolloutTask task = alias.rollout();
    if (task != null && !task.ended()) {
      throw new ResourceConflictException(
          "Cannot "
              + action
              + " alias "
              + alias.info().name()
              + " while a rollout to version "
              + task.toVersion()
              + " is running on it; cancel the rollout first",
          task.functionName() + ":" + alias.info().name());
    }
  }

  // ---- invocation ----

  @Override
  public FunctionState resolve(String qualifier) {
    Map<String, Route> routes = snapshot.routes();
    Route route = routes.get(qualifier);
    if (route != null) {
      return route.select();
    }
    Qualifier parsed = Qualifier.parse(qualifier);
    route = routes.get(parsed.toString());
    if (route != null) {
      return route.select();
    }
    throw new ResourceNotFoundException(
        "Function not found: "
            + settings.functionArn(parsed.functionName())
            + parsed.qualifier().map(q -> ":" + q).orElse(""),
        qualifier);
  }

  /**
   * Returns a function's counters.
   *
   * @param functionName the function
   * @param running counts the function's running invocations
   * @return the snapshot, or empty if there is no such function
   */
  public Optional<FunctionMetrics> metrics(String functionName, ToIntFunction<String> running) {
    FunctionEntry entry = snapshot.functions().get(functionName);
    if (entry == null) {
      return Optional.empty();
    }
    FunctionCounters counters = entry.counters();
    int environments = 0;
    for (VersionEntry version : entry.allVersions()) {
      environments += version.state().environments();
    }
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
            environments,
            counters.durationNanos(),
            counters.provisionedInvocations(),
            counters.spilloverInvocations(),
            counters.asyncEventsReceived(),
            counters.asyncEventsDropped(),
            counters.maxAsyncEventAgeMillis(),
            counters.destinationDeliveryFailures(),
            counters.deadLetterErrors()));
  }

  /**
   * Returns the stuck handlers of all functions.
   *
   * @return the count
   */
  public int stuck() {
    return snapshot.functions().values().stream().mapToInt(entry -> entry.counters().stuck()).sum();
  }

  /**
   * Returns invocations holding a concurrency place: the unreserved pool's and every reservation's.
   *
   * @return the count
   */
  public int admitted() {
    return reservations.admitted(
        snapshot.functions().values().stream().map(FunctionEntry::reservation).toList());
  }

  /**
   * Retires every version's idle on-demand environments; the watchdog's housekeeping.
   *
   * @param nowNanos the time
   */
  public void retireIdle(long nowNanos) {
    for (FunctionEntry entry : snapshot.functions().values()) {
      for (VersionEntry version : entry.allVersions()) {
        version.state().retireIdle(nowNanos);
      }
    }
  }

  /**
   * Refuses changes from now on, ends rollouts, retires every environment and releases every
   * function: the registry is empty afterwards, so a closed runtime that its host still holds keeps
   * none of its functions' state.
   *
   * @param running counts the invocations of a function still running, for its last metrics
   * @return every function's last metrics, by name
   */
  public Map<String, FunctionMetrics> close(ToIntFunction<String> running) {
    lock.lock();
    try {
      open = false;
      Map<String, FunctionMetrics> last = new TreeMap<>();
      for (FunctionEntry entry : snapshot.functions().values()) {
        cancelRollouts(entry, "the runtime was closed");
        metrics(entry.name(), running).ifPresent(metrics -> last.put(entry.name(), metrics));
        for (VersionEntry version : entry.allVersions()) {
          version.retire();
        }
      }
      snapshot = new Snapshot(Map.of(), Map.of());
      return Collections.unmodifiableMap(last);
    } finally {
      lock.unlock();
    }
  }

  // ---- helpers ----

  private VersionEntry latest(
      FunctionConfig config,
      FunctionCode code,
      FunctionCounters counters,
      Reservation reservation,
      @Nullable DeployedCode deployed) {
    return new VersionEntry(
        info(config, Qualifier.LATEST, deployed),
        code,
        new FunctionState(
            engine,
            new FunctionSpec(config, code, Qualifier.LATEST, settings, deployed),
            counters,
            reservation),
        deployed,
        config);
  }

  private FunctionState newState(
      FunctionConfig config,
      FunctionCode code,
      String version,
      FunctionEntry entry,
      @Nullable DeployedCode deployed) {
    return new FunctionState(
        engine,
        new FunctionSpec(config, code, version, settings, deployed),
        entry.counters(),
        entry.reservation());
  }

  /** Unpacks and checks deployed code, before any lock is taken; null for other code. */
  private @Nullable DeployedCode deploy(FunctionConfig config, FunctionCode code) {
    return code instanceof FunctionCode.Isolated isolated
        ? isolation.deploy(config, isolated, Qualifier.LATEST)
        : null;
  }

  private FunctionInfo info(
      FunctionConfig config, String version, @Nullable DeployedCode deployed) {
    String arn = settings.functionArn(config.functionName());
    return new FunctionInfo(
        config,
        version.equals(Qualifier.LATEST) ? arn : arn + ":" + version,
        version,
        UUID.randomUUID().toString(),
        settings.timeSource().instant(),
        deployed == null ? Optional.empty() : Optional.of(deployed.codeSha256()),
        deployed == null ? 0 : deployed.codeSize());
  }

  /**
   * Describes a version; a published one shows the function's current reserved concurrency, a
   * setting of the whole function.
   */
  private static FunctionInfo describe(FunctionEntry entry, VersionEntry version) {
    FunctionInfo info = version.info();
    OptionalInt reserved = entry.latest().info().config().reservedConcurrency();
    if (info.version().equals(Qualifier.LATEST)
        || info.config().reservedConcurrency().equals(reserved)) {
      return info;
    }
    FunctionConfig.Builder config = info.config().toBuilder();
    if (reserved.isPresent()) {
      config.reservedConcurrency(reserved.getAsInt());
    } else {
      config.unreservedConcurrency();
    }
    return new FunctionInfo(
        config.build(),
        info.functionArn(),
        info.version(),
        info.revisionId(),
        info.lastModified(),
        info.codeSha256(),
        info.codeSize());
  }

  /** The configuration a version is compared on: without the function's reservation. */
  private static FunctionConfig versioned(FunctionConfig config) {
    return config.toBuilder().unreservedConcurrency().build();
  }

  private void checkTargets(FunctionEntry entry, AliasConfig alias) {
    if (entry.version(alias.functionVersion()) == null) {
      throw notFound(entry.name(), alias.functionVersion());
    }
    for (String version : alias.additionalVersionWeights().keySet()) {
      if (entry.version(version) == null) {
        throw notFound(entry.name(), version);
      }
    }
  }

  private ResourceNotFoundException notFound(String functionName, String qualifier) {
    return new ResourceNotFoundException(
        "Function not found: " + settings.functionArn(functionName) + ":" + qualifier,
        functionName + ":" + qualifier);
  }

  private String aliasArn(String functionName, String aliasName) {
    return settings.functionArn(functionName) + ":" + aliasName;
  }

  private FunctionEntry existing(String functionName) {
    FunctionEntry entry = snapshot.functions().get(functionName);
    if (entry == null) {
      throw new ResourceNotFoundException(
          "Function not found: " + settings.functionArn(functionName), functionName);
    }
    return entry;
  }

  private AliasEntry existingAlias(FunctionEntry entry, String aliasName) {
    AliasEntry alias = entry.aliases().get(aliasName);
    if (alias == null) {
      throw new ResourceNotFoundException(
          "Alias not found: " + aliasArn(entry.name(), aliasName), entry.name() + ":" + aliasName);
    }
    return alias;
  }

  /** Swaps in a function's new entry (or its removal) with the routes of its qualifiers. */
  private void publish(
      String name, @Nullable FunctionEntry previous, @Nullable FunctionEntry next) {
    Snapshot current = snapshot;
    Map<String, FunctionEntry> functions = new HashMap<>(current.functions());
    Map<String, Route> routes = new HashMap<>(current.routes());
    if (previous != null) {
      routes.keySet().removeAll(previous.routeKeys());
    }
    if (next == null) {
      functions.remove(name);
    } else {
      functions.put(name, next);
      next.putRoutes(routes, settings.routingRandom());
    }
    snapshot = new Snapshot(Map.copyOf(functions), Map.copyOf(routes));
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

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.registry;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.Qualifier;
import dev.lambdaembedded.api.ResourceConflictException;
import dev.lambdaembedded.api.config.AliasConfig;
import dev.lambdaembedded.api.config.EventInvokeConfig;
import dev.lambdaembedded.core.invoke.FunctionState;
import dev.lambdaembedded.core.invoke.Reservation;
import dev.lambdaembedded.core.invoke.Route;
import dev.lambdaembedded.core.observe.FunctionCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A function as the registry holds it: {@code $LATEST}, its published versions, its aliases and
 * provisioned concurrency configurations. Immutable; every change makes a new entry.
 *
 * @param name the function's name
 * @param latest {@code $LATEST}
 * @param versions the published versions by number
 * @param aliases the aliases by name
 * @param provisioned the provisioned concurrency configurations by qualifier (version or alias)
 * @param lastVersion the highest version number ever published; numbers are not reused
 * @param counters the function's counters, kept across updates
 * @param reservation the function's reservation, kept across updates
 * @param eventConfigs the event invoke configurations by qualifier ($LATEST, version or alias)
 */
record FunctionEntry(
    String name,
    VersionEntry latest,
    SortedMap<Long, VersionEntry> versions,
    Map<String, AliasEntry> aliases,
    Map<String, ProvisionedConfig> provisioned,
    long lastVersion,
    FunctionCounters counters,
    Reservation reservation,
    Map<String, EventInvokeConfig> eventConfigs) {

  FunctionEntry {
    versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    aliases = Map.copyOf(aliases);
    provisioned = Map.copyOf(provisioned);
    eventConfigs = Map.copyOf(eventConfigs);
  }

  FunctionEntry withLatest(VersionEntry newLatest) {
    return new FunctionEntry(
        name,
        newLatest,
        versions,
        aliases,
        provisioned,
        lastVersion,
        counters,
        reservation,
        eventConfigs);
  }

  FunctionEntry withVersions(SortedMap<Long, VersionEntry> newVersions, long newLastVersion) {
    return new FunctionEntry(
        name,
        latest,
        newVersions,
        aliases,
        provisioned,
        newLastVersion,
        counters,
        reservation,
        eventConfigs);
  }

  FunctionEntry withAliases(Map<String, AliasEntry> newAliases) {
    return new FunctionEntry(
        name,
        latest,
        versions,
        newAliases,
        provisioned,
        lastVersion,
        counters,
        reservation,
        eventConfigs);
  }

  FunctionEntry withEventConfigs(Map<String, EventInvokeConfig> newConfigs) {
    return new FunctionEntry(
        name,
        latest,
        versions,
        aliases,
        provisioned,
        lastVersion,
        counters,
        reservation,
        newConfigs);
  }

  FunctionEntry withProvisioned(Map<String, ProvisionedConfig> newProvisioned) {
    return new FunctionEntry(
        name,
        latest,
        versions,
        aliases,
        newProvisioned,
        lastVersion,
        counters,
        reservation,
        eventConfigs);
  }

  /** Returns {@code $LATEST} or a published version, by its qualifier text. */
  @Nullable VersionEntry version(String version) {
    if (version.equals(Qualifier.LATEST)) {
      return latest;
    }
    if (version.isEmpty()
        || version.length() > 18
        || version.charAt(0) == '0' // numbers start at 1, written without leading zeros
        || !version.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return versions.get(Long.parseLong(version));
  }

  /** Returns every version, {@code $LATEST} first. */
  List<VersionEntry> allVersions() {
    List<VersionEntry> all = new ArrayList<>(versions.size() + 1);
    all.add(latest);
    all.addAll(versions.values());
    return all;
  }

  /** Returns the aliases routing to a version, by name. */
  List<String> aliasesRoutingTo(String version) {
    return aliases.values().stream()
        .filter(alias -> alias.routesTo(version))
        .map(alias -> alias.info().name())
        .sorted()
        .toList();
  }

  /** Each version may get provisioned environments from one configuration only, as on Lambda. */
  void checkProvisionedSources() {
    Map<String, String> sources = new HashMap<>();
    for (String qualifier : provisioned().keySet()) {
      AliasEntry alias = aliases().get(qualifier);
      List<String> versions = new ArrayList<>();
      if (alias == null) {
        versions.add(qualifier);
      } else {
        versions.add(alias.config().functionVersion());
        versions.addAll(alias.config().additionalVersionWeights().keySet());
      }
      for (String version : versions) {
        String other = sources.putIfAbsent(version, qualifier);
        if (other != null) {
          throw new ResourceConflictException(
              "Version "
                  + version
                  + " of "
                  + name()
                  + " would get provisioned concurrency from both "
                  + describeSource(other)
                  + " and "
                  + describeSource(qualifier)
                  + "; a version takes it from one configuration only",
              name() + ":" + version);
        }
      }
    }
  }

  private String describeSource(String qualifier) {
    return aliases().containsKey(qualifier) ? "alias " + qualifier : "version " + qualifier;
  }

  /** The provisioned environments each version should have, by version text. */
  Map<String, Integer> desiredProvisioned() {
    Map<String, Integer> desired = new HashMap<>();
    provisioned.forEach(
        (qualifier, config) -> {
          AliasEntry alias = aliases().get(qualifier);
          if (alias == null) {
            desired.merge(qualifier, config.requested(), Integer::sum);
            return;
          }
          int extra = 0;
          for (Map.Entry<String, Double> weight :
              alias.config().additionalVersionWeights().entrySet()) {
            extra = (int) Math.round(config.requested() * weight.getValue());
            desired.merge(weight.getKey(), extra, Integer::sum);
          }
          desired.merge(alias.config().functionVersion(), config.requested() - extra, Integer::sum);
        });
    return desired;
  }

  /** The provisioned environments requested by all configurations, one of them replaced. */
  int provisionedTotal(@Nullable String replaced, int replacement) {
    int total = replacement;
    for (Map.Entry<String, ProvisionedConfig> config : provisioned.entrySet()) {
      if (!config.getKey().equals(replaced)) {
        total += config.getValue().requested();
      }
    }
    return total;
  }

  /** The versions a version or alias qualifier names. */
  List<String> versionsOf(String qualifier) {
    AliasEntry alias = aliases().get(qualifier);
    if (alias == null) {
      return List.of(qualifier);
    }
    List<String> versions = new ArrayList<>();
    versions.add(alias.config().functionVersion());
    versions.addAll(alias.config().additionalVersionWeights().keySet());
    return versions;
  }

  /** Whether an alias or provisioned concurrency still wants a version. */
  boolean routed(String version, Map<String, Integer> desired) {
    return desired.getOrDefault(version, 0) > 0 || !aliasesRoutingTo(version).isEmpty();
  }

  /** The qualifier texts this function answers to. */
  List<String> routeKeys() {
    List<String> keys = new ArrayList<>();
    keys.add(name());
    keys.add(name() + ":" + Qualifier.LATEST);
    versions().keySet().forEach(number -> keys.add(name() + ":" + number));
    aliases().keySet().forEach(alias -> keys.add(name() + ":" + alias));
    return keys;
  }

  /** Adds a route for every qualifier text this function answers to. */
  void putRoutes(Map<String, Route> routes, RandomGenerator random) {
    Route latest = new Route.Fixed(latest().state());
    routes.put(name(), latest);
    routes.put(name() + ":" + Qualifier.LATEST, latest);
    versions.forEach(
        (number, version) ->
            routes.put(name() + ":" + number, new Route.Numbered(version.state())));
    for (AliasEntry alias : aliases().values()) {
      AliasConfig config = alias.config();
      FunctionState primary = requireNonNull(version(config.functionVersion())).state();
      Route route = new Route.Fixed(primary);
      for (Map.Entry<String, Double> weight : config.additionalVersionWeights().entrySet()) {
        route =
            new Route.Weighted(
                primary,
                requireNonNull(version(weight.getKey())).state(),
                weight.getValue(),
                random);
      }
      routes.put(name() + ":" + config.name(), route);
    }
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.registry;

import dev.lambdaembedded.api.Qualifier;
import dev.lambdaembedded.core.invoke.Reservation;
import dev.lambdaembedded.core.observe.FunctionCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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
 */
record FunctionEntry(
    String name,
    VersionEntry latest,
    SortedMap<Long, VersionEntry> versions,
    Map<String, AliasEntry> aliases,
    Map<String, ProvisionedConfig> provisioned,
    long lastVersion,
    FunctionCounters counters,
    Reservation reservation) {

  FunctionEntry {
    versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    aliases = Map.copyOf(aliases);
    provisioned = Map.copyOf(provisioned);
  }

  FunctionEntry withLatest(VersionEntry newLatest) {
    return new FunctionEntry(
        name, newLatest, versions, aliases, provisioned, lastVersion, counters, reservation);
  }

  FunctionEntry withVersions(SortedMap<Long, VersionEntry> newVersions, long newLastVersion) {
    return new FunctionEntry(
        name, latest, newVersions, aliases, provisioned, newLastVersion, counters, reservation);
  }

  FunctionEntry withAliases(Map<String, AliasEntry> newAliases) {
    return new FunctionEntry(
        name, latest, versions, newAliases, provisioned, lastVersion, counters, reservation);
  }

  FunctionEntry withProvisioned(Map<String, ProvisionedConfig> newProvisioned) {
    return new FunctionEntry(
        name, latest, versions, aliases, newProvisioned, lastVersion, counters, reservation);
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
}

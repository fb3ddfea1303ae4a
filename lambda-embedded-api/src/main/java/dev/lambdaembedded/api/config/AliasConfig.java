/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.InvalidParameterValueException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an alias is made of: its name, the version it points to, and optionally a second version
 * that gets a share of its traffic, as Lambda's {@code CreateAlias} takes them.
 *
 * <p>Rules checked here are Lambda's: the name is 1 to 128 characters of {@code [a-zA-Z0-9-_]} and
 * not only digits; the version is {@code $LATEST} or a version number; the description is at most
 * 256 characters; the routing names at most one additional version, a version number different from
 * the primary one, with a weight from 0.0 to 1.0, and an alias with routing must point to a
 * published version. Whether the versions exist is checked by the registry.
 *
 * @param name the alias name
 * @param functionVersion the version the alias points to: {@code $LATEST} or a version number
 * @param description the description, empty for none
 * @param additionalVersionWeights Lambda's {@code RoutingConfig.AdditionalVersionWeights}: at most
 *     one version number mapped to the share of invocations it receives; empty for none
 */
public record AliasConfig(
    String name,
    String functionVersion,
    String description,
    Map<String, Double> additionalVersionWeights) {

  private static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}");
  private static final Pattern VERSION = Pattern.compile("\\$LATEST|[0-9]{1,1024}");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,1024}");

  /**
   * Checks the alias against Lambda's rules and copies the routing.
   *
   * @throws InvalidParameterValueException if a rule is broken
   */
  public AliasConfig {
    requireNonNull(name, "name");
    requireNonNull(functionVersion, "functionVersion");
    requireNonNull(description, "description");
    requireNonNull(additionalVersionWeights, "additionalVersionWeights");
    if (!NAME.matcher(name).matches()) {
      throw InvalidParameterValueException.of(
          "name",
          name,
          "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+) and have"
              + " length between 1 and 128");
    }
    if (!VERSION.matcher(functionVersion).matches()) {
      throw InvalidParameterValueException.of(
          name,
          "functionVersion",
          functionVersion,
          "Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+) and have length"
              + " between 1 and 1024");
    }
    if (description.length() > 256) {
      throw InvalidParameterValueException.of(
          name,
          "description",
          description.length() + " characters",
          "Member must have length less than or equal to 256");
    }
    if (additionalVersionWeights.size() > 1) {
      throw InvalidParameterValueException.of(
          name,
          "routingConfig.additionalVersionWeights",
          additionalVersionWeights,
          "Member must have length less than or equal to 1: an alias routes to at most two"
              + " versions");
    }
    for (Map.Entry<String, Double> weight : additionalVersionWeights.entrySet()) {
      String version = requireNonNull(weight.getKey(), "additional version");
      double share = requireNonNull(weight.getValue(), "weight");
      if (!NUMBER.matcher(version).matches()) {
        throw InvalidParameterValueException.of(
            name,
            "routingConfig.additionalVersionWeights",
            version,
            "Member must be a published version number ([0-9]+): $LATEST is not supported for an"
                + " alias pointing to more than 1 version");
      }
      if (!(share >= 0.0 && share <= 1.0)) {
        throw InvalidParameterValueException.of(
            name,
            "routingConfig.additionalVersionWeights." + version,
            share,
            "Member must have value greater than or equal to 0.0 and less than or equal to 1.0");
      }
      if (functionVersion.equals("$LATEST")) {
        throw InvalidParameterValueException.of(
            name,
            "functionVersion",
            functionVersion,
            "Member must be a published version number when routingConfig is set: $LATEST is not"
                + " supported for an alias pointing to more than 1 version");
      }
      if (version.equals(functionVersion)) {
        throw InvalidParameterValueException.of(
            name,
            "routingConfig.additionalVersionWeights",
            version,
            "Member must name a version other than the alias's functionVersion " + functionVersion);
      }
    }
    additionalVersionWeights = Map.copyOf(additionalVersionWeights);
  }

  /**
   * Returns an alias pointing at one version, without description or routing.
   *
   * @param name the alias name
   * @param functionVersion {@code $LATEST} or a version number
   * @return the alias configuration
   * @throws InvalidParameterValueException if a rule is broken
   */
  public static AliasConfig of(String name, String functionVersion) {
    return new AliasConfig(name, functionVersion, "", Map.of());
  }

  /**
   * Returns this alias with a description.
   *
   * @param newDescription at most 256 characters
   * @return the alias configuration
   * @throws InvalidParameterValueException if a rule is broken
   */
  public AliasConfig withDescription(String newDescription) {
    return new AliasConfig(name, functionVersion, newDescription, additionalVersionWeights);
  }

  /**
   * Returns this alias routing a share of its invocations to a second version.
   *
   * @param additionalVersion a published version number, not the primary one
   * @param weight the share it receives, 0.0 to 1.0
   * @return the alias configuration
   * @throws InvalidParameterValueException if a rule is broken
   */
  public AliasConfig withRouting(String additionalVersion, double weight) {
    return new AliasConfig(name, functionVersion, description, Map.of(additionalVersion, weight));
  }

  /**
   * Returns this alias pointing at another version, without routing.
   *
   * @param version {@code $LATEST} or a version number
   * @return the alias configuration
   * @throws InvalidParameterValueException if a rule is broken
   */
  public AliasConfig pointingAt(String version) {
    return new AliasConfig(name, version, description, Map.of());
  }
}

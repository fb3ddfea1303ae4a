/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api.config;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.InvalidParameterValueException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A guarded rollout of an alias to a new version: the shares of traffic the new version gets, one
 * step after another, and the error budget that rolls the alias back. Not a Lambda feature (on AWS
 * it takes CodeDeploy and an alarm); built on Lambda's weighted alias routing.
 *
 * <p>The first weight applies when the rollout starts; each later one after {@code stepInterval}
 * more; one interval after the last, the alias points at the new version alone. Throughout, the new
 * version's error rate (function errors and timeouts over invocations) over the last {@code window}
 * is checked; once at least {@code minInvocations} invocations fall in the window and the rate
 * exceeds {@code maxErrorRate}, the alias goes back to its old version.
 *
 * @param targetVersion the published version to roll out
 * @param weights the new version's shares, strictly increasing, each above 0.0 and below 1.0
 * @param stepInterval how long each share holds; at least one second
 * @param window the span the error rate is measured over; at least one second
 * @param maxErrorRate the highest error rate tolerated, 0.0 to 1.0
 * @param minInvocations the invocations of the new version the window must hold before its error
 *     rate is judged; at least 1
 */
public record RolloutPlan(
    String targetVersion,
    List<Double> weights,
    Duration stepInterval,
    Duration window,
    double maxErrorRate,
    long minInvocations) {

  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,1024}");

  /**
   * Checks the plan.
   *
   * @throws InvalidParameterValueException if a value breaks its rule
   */
  public RolloutPlan {
    requireNonNull(targetVersion, "targetVersion");
    weights = List.copyOf(weights);
    requireNonNull(stepInterval, "stepInterval");
    requireNonNull(window, "window");
    if (!NUMBER.matcher(targetVersion).matches()) {
      throw InvalidParameterValueException.of(
          "targetVersion", targetVersion, "Member must be a published version number ([0-9]+)");
    }
    if (weights.isEmpty()) {
      throw InvalidParameterValueException.of(
          "weights", weights, "Member must have length greater than or equal to 1");
    }
    double previous = 0.0;
    for (double weight : weights) {
      if (!(weight > previous && weight < 1.0)) {
        throw InvalidParameterValueException.of(
            "weights",
            weights,
            "Member must be strictly increasing shares, each greater than 0.0 and less than 1.0");
      }
      previous = weight;
    }
    if (stepInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw InvalidParameterValueException.of(
          "stepInterval", stepInterval, "Member must be at least 1 second");
    }
    if (window.compareTo(Duration.ofSeconds(1)) < 0) {
      throw InvalidParameterValueException.of("window", window, "Member must be at least 1 second");
    }
    if (!(maxErrorRate >= 0.0 && maxErrorRate <= 1.0)) {
      throw InvalidParameterValueException.of(
          "maxErrorRate",
          maxErrorRate,
          "Member must have value greater than or equal to 0.0 and less than or equal to 1.0");
    }
    if (minInvocations < 1) {
      throw InvalidParameterValueException.of(
          "minInvocations", minInvocations, "Member must have value greater than or equal to 1");
    }
  }

  /**
   * Returns a plan that measures errors over one step interval and judges from the first
   * invocation.
   *
   * @param targetVersion the published version to roll out
   * @param weights the new version's shares, strictly increasing, in (0.0, 1.0)
   * @param stepInterval how long each share holds
   * @param maxErrorRate the highest error rate tolerated
   * @return the plan
   * @throws InvalidParameterValueException if a value breaks its rule
   */
  public static RolloutPlan of(
      String targetVersion, List<Double> weights, Duration stepInterval, double maxErrorRate) {
    return new RolloutPlan(targetVersion, weights, stepInterval, stepInterval, maxErrorRate, 1);
  }

  /**
   * Returns this plan with another error window and sample size.
   *
   * @param newWindow the span the error rate is measured over
   * @param newMinInvocations the invocations the window must hold before it is judged
   * @return the plan
   * @throws InvalidParameterValueException if a value breaks its rule
   */
  public RolloutPlan withWindow(Duration newWindow, long newMinInvocations) {
    return new RolloutPlan(
        targetVersion, weights, stepInterval, newWindow, maxErrorRate, newMinInvocations);
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Where a guarded rollout stands: its state, the new version's current share and every step taken.
 *
 * @param functionName the function
 * @param aliasName the alias being rolled out
 * @param fromVersion the version the alias pointed at when the rollout started
 * @param toVersion the version being rolled out
 * @param state in progress, or how it ended
 * @param weight the share of the alias's invocations the new version gets now
 * @param steps every step so far, oldest first
 */
public record RolloutStatus(
    String functionName,
    String aliasName,
    String fromVersion,
    String toVersion,
    State state,
    double weight,
    List<Step> steps) {

  /** Checks that no component is null and copies the steps. */
  public RolloutStatus {
    requireNonNull(functionName, "functionName");
    requireNonNull(aliasName, "aliasName");
    requireNonNull(fromVersion, "fromVersion");
    requireNonNull(toVersion, "toVersion");
    requireNonNull(state, "state");
    steps = List.copyOf(steps);
  }

  /** The state of a rollout. */
  public enum State {
    /** Shifting traffic step by step. */
    IN_PROGRESS,
    /** The alias points at the new version alone. */
    COMPLETED,
    /** The new version broke the error budget; the alias points at the old version again. */
    ROLLED_BACK,
    /** Stopped by the host, or by the function's deletion; the alias is back at the old version. */
    CANCELLED;

    /**
     * Returns whether the rollout has ended.
     *
     * @return {@code true} unless in progress
     */
    public boolean isTerminal() {
      return this != IN_PROGRESS;
    }
  }

  /**
   * One step of a rollout: a change of the alias's routing and the evidence it was taken on.
   *
   * @param time when it was taken, on the runtime's clock
   * @param state the rollout's state after it
   * @param weight the new version's share after it
   * @param invocations the new version's invocations in the error window when it was taken
   * @param errors the new version's errors in the error window when it was taken
   * @param message what happened, as written to the function's log
   */
  public record Step(
      Instant time, State state, double weight, long invocations, long errors, String message) {

    /** Checks that no component is null. */
    public Step {
      requireNonNull(time, "time");
      requireNonNull(state, "state");
      requireNonNull(message, "message");
    }
  }
}

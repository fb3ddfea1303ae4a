/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import java.util.concurrent.CompletionStage;

/**
 * A guarded rollout running on an alias: shifts traffic step by step to a new version, driven by
 * the runtime's clock, and rolls back on its own when the new version breaks its error budget.
 *
 * <p>Thread-safe.
 */
public interface Rollout {

  /**
   * Returns where the rollout stands.
   *
   * @return a snapshot
   */
  RolloutStatus status();

  /**
   * Stops the rollout and points the alias at its old version again.
   *
   * @return {@code true} if this call stopped it, {@code false} if it had already ended
   */
  boolean cancel();

  /**
   * Returns a stage completed with the final status when the rollout ends, however it ends.
   *
   * @return the stage
   */
  CompletionStage<RolloutStatus> completion();
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.registry;

import dev.lambdaembedded.api.AliasInfo;
import dev.lambdaembedded.api.config.AliasConfig;
import org.jspecify.annotations.Nullable;

/**
 * An alias as the registry holds it. Immutable.
 *
 * @param info what {@code getAlias} returns
 * @param rollout the guarded rollout running on it, or null
 */
record AliasEntry(AliasInfo info, @Nullable RolloutTask rollout) {

  AliasConfig config() {
    return info.config();
  }

  /** Returns whether the alias routes invocations to a version, as primary or additional one. */
  boolean routesTo(String version) {
    return config().functionVersion().equals(version)
        || config().additionalVersionWeights().containsKey(version);
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.registry;

import dev.lambdaembedded.api.FunctionInfo;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.api.config.FunctionConfig;
import dev.lambdaembedded.core.invoke.FunctionState;
import dev.lambdaembedded.core.isolation.DeployedCode;
import org.jspecify.annotations.Nullable;

/**
 * One version of a function as the registry holds it: {@code $LATEST} or a published version.
 * Immutable; a published version's entry never changes, {@code $LATEST} gets a new one on every
 * update.
 *
 * @param info what {@code get} returns
 * @param code the code
 * @param state the running state: its environments, counters and pools
 * @param deployed the deployed code the version's environments load from, or null for code in the
 *     host's class loaders
 * @param source the configuration of {@code $LATEST} it was published from (before the version's
 *     description replaced the function's), what a later publish is compared with
 */
record VersionEntry(
    FunctionInfo info,
    FunctionCode code,
    FunctionState state,
    @Nullable DeployedCode deployed,
    FunctionConfig source) {

  /** Retires the version's environments and lets go of its code. */
  void retire() {
    state.retire();
    if (deployed != null) {
      deployed.close();
    }
  }

  /**
   * Returns whether another version runs the same code: the same archive (SHA-256) and policy for
   * deployed code, the same {@link FunctionCode} otherwise.
   */
  boolean sameCode(VersionEntry other) {
    if (code instanceof FunctionCode.Isolated mine
        && other.code instanceof FunctionCode.Isolated theirs) {
      return info.codeSha256().equals(other.info.codeSha256())
          && mine.policy().equals(theirs.policy());
    }
    return code.equals(other.code);
  }
}

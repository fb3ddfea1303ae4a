/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.config.AliasConfig;
import java.time.Instant;

/**
 * What the registry knows of an alias, like Lambda's {@code AliasConfiguration}.
 *
 * @param config the alias as last created or updated
 * @param aliasArn the alias's ARN, {@code
 *     arn:aws:lambda:<region>:<account>:function:<name>:<alias>}
 * @param revisionId an id that changes with every update of the alias
 * @param lastModified when the alias last changed
 */
public record AliasInfo(
    AliasConfig config, String aliasArn, String revisionId, Instant lastModified) {

  /** Checks that no component is null. */
  public AliasInfo {
    requireNonNull(config, "config");
    requireNonNull(aliasArn, "aliasArn");
    requireNonNull(revisionId, "revisionId");
    requireNonNull(lastModified, "lastModified");
  }

  /**
   * Returns the alias name.
   *
   * @return the name
   */
  public String name() {
    return config.name();
  }

  /**
   * Returns the version the alias points to.
   *
   * @return {@code $LATEST} or a version number
   */
  public String functionVersion() {
    return config.functionVersion();
  }
}

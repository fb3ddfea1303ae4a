/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.config.FunctionConfig;
import java.time.Instant;

/**
 * What the registry knows of a function: its configuration and identity, like Lambda's {@code
 * FunctionConfiguration}.
 *
 * @param config the configuration
 * @param functionArn the function's unqualified ARN, {@code
 *     arn:aws:lambda:<region>:<account>:function:<name>}
 * @param version the version this describes, {@code $LATEST}
 * @param revisionId an id that changes with every update of code or configuration
 * @param lastModified when the code or configuration last changed
 */
public record FunctionInfo(
    FunctionConfig config,
    String functionArn,
    String version,
    String revisionId,
    Instant lastModified) {

  /** Checks that no component is null. */
  public FunctionInfo {
    requireNonNull(config, "config");
    requireNonNull(functionArn, "functionArn");
    requireNonNull(version, "version");
    requireNonNull(revisionId, "revisionId");
    requireNonNull(lastModified, "lastModified");
  }

  /**
   * Returns the function's name.
   *
   * @return the name
   */
  public String functionName() {
    return config.functionName();
  }
}

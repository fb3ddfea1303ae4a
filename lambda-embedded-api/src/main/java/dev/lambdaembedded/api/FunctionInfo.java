/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import dev.lambdaembedded.api.config.FunctionConfig;
import java.time.Instant;
import java.util.Optional;

/**
 * What the registry knows of one version of a function: its configuration and identity, like
 * Lambda's {@code FunctionConfiguration}.
 *
 * <p>A published version's configuration is the snapshot taken when it was published, with the
 * version's description; only {@link FunctionConfig#reservedConcurrency()}, a setting of the whole
 * function, shows the function's current value.
 *
 * @param config the configuration
 * @param functionArn the ARN: unqualified, {@code
 *     arn:aws:lambda:<region>:<account>:function:<name>}, for {@code $LATEST}; followed by {@code
 *     :<version>} for a published version
 * @param version the version this describes, {@code $LATEST} or a version number
 * @param revisionId an id that changes with every update of code or configuration
 * @param lastModified when the code or configuration last changed; for a published version, when it
 *     was published
 * @param codeSha256 the SHA-256 of the deployed archive, base64-encoded as Lambda reports it; empty
 *     for code that runs from the host's class loaders
 * @param codeSize the deployed archive's size in bytes (for a directory, the total size of its
 *     files); zero for code that runs from the host's class loaders
 */
public record FunctionInfo(
    FunctionConfig config,
    String functionArn,
    String version,
    String revisionId,
    Instant lastModified,
    Optional<String> codeSha256,
    long codeSize) {

  /** Checks that no component is null. */
  public FunctionInfo {
    requireNonNull(config, "config");
    requireNonNull(functionArn, "functionArn");
    requireNonNull(version, "version");
    requireNonNull(revisionId, "revisionId");
    requireNonNull(lastModified, "lastModified");
    requireNonNull(codeSha256, "codeSha256");
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

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.internal;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's settings for deployed code: where it is unpacked, what the host shares with it, the
 * size limits, and how unloading is verified.
 *
 * @param workDirectory where code is unpacked; empty for a temporary directory deleted on close
 * @param sharedPackages packages (and their subpackages) that function code loads from the host
 * @param sharedClassLoader the host class loader shared packages come from
 * @param refuseSplitPackages whether a package split between a function and its layers, or between
 *     two layers, refuses the registration (otherwise it is logged as a warning)
 * @param maxZippedBytes the largest archive, Lambda's 50 MB
 * @param maxUnzippedBytes the largest unpacked function including its layers, Lambda's 250 MB
 * @param verifyUnloading whether the runtime runs garbage collections to check that released class
 *     loaders were collected
 * @param unloadCheckDelay how long after a release the background check runs
 */
public record IsolationSettings(
    Optional<Path> workDirectory,
    List<String> sharedPackages,
    ClassLoader sharedClassLoader,
    boolean refuseSplitPackages,
    long maxZippedBytes,
    long maxUnzippedBytes,
    boolean verifyUnloading,
    Duration unloadCheckDelay) {

  /** Lambda's limit on a deployment package uploaded directly: 50 MB. */
  public static final long LAMBDA_MAX_ZIPPED_BYTES = 50L * 1024 * 1024;

  /** Lambda's limit on a function's unzipped code including its layers: 250 MB. */
  public static final long LAMBDA_MAX_UNZIPPED_BYTES = 250L * 1024 * 1024;

  /** Checks the components and copies the list. */
  public IsolationSettings {
    requireNonNull(workDirectory, "workDirectory");
    sharedPackages = List.copyOf(sharedPackages);
    requireNonNull(sharedClassLoader, "sharedClassLoader");
    requireNonNull(unloadCheckDelay, "unloadCheckDelay");
  }

  /**
   * Returns the defaults: a temporary work directory, nothing shared, split packages warned about,
   * Lambda's limits, unloading verified 10 seconds after a release.
   *
   * @param sharedClassLoader the host's class loader
   * @return the settings
   */
  public static IsolationSettings defaults(ClassLoader sharedClassLoader) {
    return new IsolationSettings(
        Optional.empty(),
        List.of(),
        sharedClassLoader,
        false,
        LAMBDA_MAX_ZIPPED_BYTES,
        LAMBDA_MAX_UNZIPPED_BYTES,
        true,
        Duration.ofSeconds(10));
  }
}

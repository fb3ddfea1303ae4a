/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A provisioned concurrency configuration of a version or alias and its state, like Lambda's {@code
 * GetProvisionedConcurrencyConfig}: how many execution environments were asked for and how many are
 * initialised and kept warm.
 *
 * @param functionArn the qualified ARN of the version or alias
 * @param requested the environments asked for
 * @param allocated the environments initialised for it now
 * @param available the environments ready to serve an invocation now: allocated ones, for a
 *     configuration that is {@link Status#READY}
 * @param status whether allocation is under way, done, or failed
 * @param statusReason why allocation failed, if it did
 * @param lastModified when the configuration last changed
 */
public record ProvisionedConcurrencyInfo(
    String functionArn,
    int requested,
    int allocated,
    int available,
    Status status,
    Optional<String> statusReason,
    Instant lastModified) {

  /** Checks that no component is null. */
  public ProvisionedConcurrencyInfo {
    requireNonNull(functionArn, "functionArn");
    requireNonNull(status, "status");
    requireNonNull(statusReason, "statusReason");
    requireNonNull(lastModified, "lastModified");
  }

  /** The state of a provisioned concurrency configuration, Lambda's {@code Status}. */
  public enum Status {
    /** Environments are being initialised. */
    IN_PROGRESS,
    /** Every requested environment is initialised and kept warm. */
    READY,
    /** An init phase failed; {@code statusReason} says how. Environments initialised are kept. */
    FAILED
  }
}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.registry;

import dev.lambdaembedded.api.ProvisionedConcurrencyInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * A provisioned concurrency configuration of a version or alias, with the outcome of its last
 * allocation. Immutable.
 *
 * @param requested the environments asked for
 * @param lastModified when it was put
 * @param status READY or FAILED after allocation
 * @param statusReason why allocation failed
 */
record ProvisionedConfig(
    int requested,
    Instant lastModified,
    ProvisionedConcurrencyInfo.Status status,
    Optional<String> statusReason) {

  ProvisionedConfig withOutcome(Optional<String> failure) {
    return new ProvisionedConfig(
        requested,
        lastModified,
        failure.isPresent()
            ? ProvisionedConcurrencyInfo.Status.FAILED
            : ProvisionedConcurrencyInfo.Status.READY,
        failure);
  }
}

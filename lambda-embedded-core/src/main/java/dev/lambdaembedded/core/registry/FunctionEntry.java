/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.lambdaembedded.core.registry;

import dev.lambdaembedded.api.FunctionInfo;
import dev.lambdaembedded.api.config.FunctionCode;
import dev.lambdaembedded.core.invoke.FunctionState;
import dev.lambdaembedded.core.invoke.Reservation;
import dev.lambdaembedded.core.isolation.DeployedCode;
import dev.lambdaembedded.core.observe.FunctionCounters;
import org.jspecify.annotations.Nullable;

/**
 * A function as the registry holds it: immutable; every change makes a new entry.
 *
 * @param info what {@code get} returns
 * @param code the code
 * @param state the running state of {@code $LATEST}
 * @param counters the function's counters, kept across updates
 * @param reservation the function's reservation, kept across updates
 */
record FunctionEntry(
    FunctionInfo info,
    FunctionCode code,
    FunctionState state,
    FunctionCounters counters,
    Reservation reservation,
    @Nullable DeployedCode deployed) {}

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** Turns the JSON results of a {@code bench/run.sh} run into {@code docs/benchmarks.md}. */
@NullMarked
package dev.lambdaembedded.benchmarks.report;

import org.jspecify.annotations.NullMarked;

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * JMH benchmarks of the runtime's warm invoke path and JSON path, of the load-time code policy's
 * loop checks and rewriting, and a timeout-precision probe. Run them with {@code bench/run.sh},
 * which writes {@code docs/benchmarks.md}.
 */
@NullMarked
package dev.lambdaembedded.benchmarks;

import org.jspecify.annotations.NullMarked;

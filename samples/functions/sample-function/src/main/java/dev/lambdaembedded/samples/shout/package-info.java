/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * shout, the sample function deployed from its own jar: handlers that report the class loader they
 * run in, read their configuration through {@code System.getenv} and keep static state, all of
 * which the runtime gives each execution environment separately.
 */
@NullMarked
package dev.lambdaembedded.samples.shout;

import org.jspecify.annotations.NullMarked;

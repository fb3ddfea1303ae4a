/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A runnable host application: {@link dev.lambdaembedded.samples.SampleHost} builds a runtime,
 * registers functions and narrates what each invocation shows.
 */
@NullMarked
package dev.lambdaembedded.samples;

import org.jspecify.annotations.NullMarked;

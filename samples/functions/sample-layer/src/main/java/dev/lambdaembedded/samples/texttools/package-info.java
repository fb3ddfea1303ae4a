/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * text-tools, the sample layer: a plain library that the sample host publishes as a Lambda layer
 * and that functions listing the layer load from it at run time.
 */
@NullMarked
package dev.lambdaembedded.samples.texttools;

import org.jspecify.annotations.NullMarked;

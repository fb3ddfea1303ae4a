/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Deployed code: archives copied and indexed once, classes checked when first defined, layers, a
 * class loader per execution environment that sees only the function's code, its layers and what
 * the host shares, and the verified unloading of those loaders.
 */
@NullMarked
package dev.lambdaembedded.core.isolation;

import org.jspecify.annotations.NullMarked;

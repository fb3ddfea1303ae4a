/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal: not part of the API, may change without notice. Helpers shared by the runtime's
 * packages: settings and small utilities.
 */
@NullMarked
package dev.lambdaembedded.core.internal;

import org.jspecify.annotations.NullMarked;

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal: not part of the API, may change without notice. Functions and their immutable
 * snapshots, swapped atomically on every change.
 */
@NullMarked
package dev.lambdaembedded.core.registry;

import org.jspecify.annotations.NullMarked;

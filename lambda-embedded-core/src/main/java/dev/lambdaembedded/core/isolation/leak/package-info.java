/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal: not part of the API, may change without notice. What keeps a retired function's class
 * loader alive: recording what function code registers outside itself, cleaning what can be
 * cleaned, checking that the loader is collected, and naming the cause when it is not.
 */
@NullMarked
package dev.lambdaembedded.core.isolation.leak;

import org.jspecify.annotations.NullMarked;

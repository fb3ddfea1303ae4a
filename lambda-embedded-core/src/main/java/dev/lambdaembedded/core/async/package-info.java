/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Asynchronous invocation: the event queue, its dispatchers, Lambda's retry rules, destinations and
 * dead letters.
 */
@NullMarked
package dev.lambdaembedded.core.async;

import org.jspecify.annotations.NullMarked;

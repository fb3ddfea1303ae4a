/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal: not part of the API, may change without notice. Execution environments and their pools,
 * handler resolution, the deadline watchdog and the one class that creates threads.
 */
@NullMarked
package dev.lambdaembedded.core.execution;

import org.jspecify.annotations.NullMarked;

/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal: not part of the API, may change without notice. Logs, counters and output capture:
 * Lambda's START, END and REPORT lines, the log sinks, per-invocation log tails, {@code System.out}
 * capture and MDC.
 */
@NullMarked
package dev.lambdaembedded.core.observe;

import org.jspecify.annotations.NullMarked;

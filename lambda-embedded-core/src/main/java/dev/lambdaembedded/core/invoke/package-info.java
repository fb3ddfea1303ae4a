/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal: not part of the API, may change without notice. The synchronous invocation pipeline:
 * qualifier, admission, execution environment, run, report.
 */
@NullMarked
package dev.lambdaembedded.core.invoke;

import org.jspecify.annotations.NullMarked;

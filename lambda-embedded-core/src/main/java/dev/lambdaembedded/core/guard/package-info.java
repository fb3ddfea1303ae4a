/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The hooks that load-time instrumentation inserts into function code: deadline checks, the
 * function's view of {@code System.getenv}, and records of what the code registers outside itself.
 * Exported so that function class loaders can link to it; not an API for hosts.
 */
@NullMarked
package dev.lambdaembedded.core.guard;

import org.jspecify.annotations.NullMarked;

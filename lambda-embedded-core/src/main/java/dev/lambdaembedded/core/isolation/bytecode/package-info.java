/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal: not part of the API, may change without notice. The load-time code policy, on class
 * bytes read with the ClassFile API: the verifier that finds forbidden calls and the instrumenter
 * that inserts deadline checks and routes environment, shutdown-hook and thread-local calls through
 * {@link dev.lambdaembedded.core.guard.Guard}.
 */
@NullMarked
package dev.lambdaembedded.core.isolation.bytecode;

import org.jspecify.annotations.NullMarked;

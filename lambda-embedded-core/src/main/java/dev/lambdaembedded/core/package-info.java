/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The entry point of the runtime: {@link dev.lambdaembedded.core.LambdaRuntime#builder()} builds a
 * running {@link dev.lambdaembedded.api.FunctionRuntime}.
 */
@NullMarked
package dev.lambdaembedded.core;

import org.jspecify.annotations.NullMarked;

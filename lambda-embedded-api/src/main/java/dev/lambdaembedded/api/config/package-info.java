/*
 * Copyright 2026 The lambda-embedded Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Function configuration and code: {@link dev.lambdaembedded.api.config.FunctionConfig} with
 * Lambda's validation rules and defaults, and {@link dev.lambdaembedded.api.config.FunctionCode},
 * what a function runs.
 */
@NullMarked
package dev.lambdaembedded.api.config;

import org.jspecify.annotations.NullMarked;
